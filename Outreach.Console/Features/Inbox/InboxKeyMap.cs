using Outreach.Domain.Inbox;

namespace Outreach.Console.Features.Inbox;

/// <summary>What a shortcut key does in the inbox.</summary>
public enum InboxCommand
{
    Next,
    Previous,
    Open,
    ToggleSelection,
    Help,
    DoneAndNext,
    AssignToMe,
    Snooze,
    MoveTo,

    /// <summary>Focus the reply box; handled in the browser (no round trip).</summary>
    Reply,

    /// <summary>Focus the search box; handled in the browser.</summary>
    Search,

    /// <summary>Leave the text box; handled in the browser.</summary>
    Leave,
}

/// <summary>A key's command, and the bucket for <see cref="InboxCommand.MoveTo"/>.</summary>
public sealed record InboxShortcut(InboxCommand Command, InboxBucket? Bucket = null)
{
    /// <summary>Moving the focus needs no server: the browser does it on its own.</summary>
    public bool InBrowser => Command is InboxCommand.Reply or InboxCommand.Search or InboxCommand.Leave;
}

/// <summary>
/// The inbox's keyboard, in one place: the page asks it what a key means, the browser is told which keys to send
/// (and which to keep), and the help dialog lists it. Keys are <c>KeyboardEvent.key</c> values; a key pressed with
/// Ctrl, Alt or Meta, or typed into a text box, is never a shortcut (the browser module sees to that).
/// </summary>
public static class InboxKeyMap
{
    private static readonly Dictionary<string, InboxShortcut> Keys = new(StringComparer.Ordinal)
    {
        ["j"] = new(InboxCommand.Next),
        ["k"] = new(InboxCommand.Previous),
        ["Enter"] = new(InboxCommand.Open),
        ["x"] = new(InboxCommand.ToggleSelection),
        ["?"] = new(InboxCommand.Help),
        ["e"] = new(InboxCommand.DoneAndNext),
        ["a"] = new(InboxCommand.AssignToMe),
        ["s"] = new(InboxCommand.Snooze),
        ["1"] = new(InboxCommand.MoveTo, InboxTabs.ForShortcut(1)),
        ["2"] = new(InboxCommand.MoveTo, InboxTabs.ForShortcut(2)),
        ["3"] = new(InboxCommand.MoveTo, InboxTabs.ForShortcut(3)),
        ["4"] = new(InboxCommand.MoveTo, InboxTabs.ForShortcut(4)),
        ["5"] = new(InboxCommand.MoveTo, InboxTabs.ForShortcut(5)),
        ["r"] = new(InboxCommand.Reply),
        ["/"] = new(InboxCommand.Search),
        ["Escape"] = new(InboxCommand.Leave),
    };

    /// <summary>The shortcut behind a key, or null when the key is not one (keys are case-sensitive: "J" is not "j").</summary>
    public static InboxShortcut? Resolve(string? key) => key is not null && Keys.TryGetValue(key, out var shortcut) ? shortcut : null;

    /// <summary>The keys the browser hands to the page; the others it handles itself or leaves alone.</summary>
    public static IReadOnlyList<string> ServerKeys { get; } = Keys.Where(k => !k.Value.InBrowser).Select(k => k.Key).ToArray();

    /// <summary>The help dialog's lines: the keys (space-separated) and what they do, in the order an operator learns them.</summary>
    public static IReadOnlyList<(string Keys, string Action)> Help { get; } =
    [
        ("j k", "Next / previous conversation"),
        ("Enter", "Open the highlighted conversation"),
        ("r", "Reply (focus the reply box)"),
        ("e", "Mark done and open the next"),
        ("a", "Assign to me"),
        ("s", "Snooze"),
        ("1 2 3 4 5", "Move to " + string.Join(", ", Enumerable.Range(1, 5).Select(n => InboxTabs.ForShortcut(n)!.Value.Title()))),
        ("x", "Select or unselect the highlighted conversation"),
        ("/", "Search"),
        ("Escape", "Leave the text box"),
        ("?", "This help"),
    ];
}
