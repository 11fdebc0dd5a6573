namespace Outreach.Domain.Inbox;

/// <summary>
/// The inbox's tabs. The five buckets and the two assignment tabs show open conversations; Snoozed and Done
/// show what was put away. A conversation is in exactly one bucket tab and at most one assignment tab.
/// </summary>
public enum InboxTab
{
    EmailCaptures,
    HotResponses,
    Objections,
    DoNotContact,
    Other,
    Mine,
    Unassigned,
    Snoozed,
    Done,
    All,
}

public static class InboxTabs
{
    /// <summary>The bucket a tab shows, or null for the tabs that are not buckets.</summary>
    public static InboxBucket? Bucket(this InboxTab tab) => tab switch
    {
        InboxTab.EmailCaptures => InboxBucket.EmailCaptures,
        InboxTab.HotResponses => InboxBucket.HotResponses,
        InboxTab.Objections => InboxBucket.Objections,
        InboxTab.DoNotContact => InboxBucket.DoNotContact,
        InboxTab.Other => InboxBucket.Other,
        _ => null,
    };

    public static string Title(this InboxTab tab) => tab switch
    {
        InboxTab.EmailCaptures => "E-mail captures",
        InboxTab.HotResponses => "Hot responses",
        InboxTab.Objections => "Objections",
        InboxTab.DoNotContact => "Do not contact",
        InboxTab.Other => "Other",
        InboxTab.Mine => "Mine",
        InboxTab.Unassigned => "Unassigned",
        InboxTab.Snoozed => "Snoozed",
        InboxTab.Done => "Done",
        _ => "All",
    };

    public static string Title(this InboxBucket bucket) => bucket switch
    {
        InboxBucket.EmailCaptures => "E-mail captures",
        InboxBucket.HotResponses => "Hot responses",
        InboxBucket.Objections => "Objections",
        InboxBucket.DoNotContact => "Do not contact",
        _ => "Other",
    };

    /// <summary>The bucket behind the number keys 1-5, in the order of the tabs.</summary>
    public static InboxBucket? ForShortcut(int key) => key is >= 1 and <= 5 ? (InboxBucket)(key - 1) : null;
}
