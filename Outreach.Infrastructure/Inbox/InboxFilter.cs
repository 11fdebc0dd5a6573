using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;

namespace Outreach.Infrastructure.Inbox;

/// <summary>What the conversation list shows. The team is the caller's, never part of the filter.</summary>
public sealed record InboxFilter
{
    public InboxTab Tab { get; init; } = InboxTab.HotResponses;
    public InboxSort Sort { get; init; } = InboxSort.Newest;
    public LeadPriority? Priority { get; init; }
    public ConversationStatus? Status { get; init; }

    /// <summary>A member's id, or <see cref="Guid.Empty"/> for unassigned conversations.</summary>
    public Guid? AssigneeId { get; init; }

    public string? Label { get; init; }
    public ReplyKind? Classification { get; init; }

    /// <summary>Conversations with prospects enrolled in this campaign.</summary>
    public Guid? CampaignId { get; init; }

    /// <summary>A name or company (any part), a whole phone number or e-mail address, or words of a message.</summary>
    public string? Search { get; init; }

    /// <summary>Only hot leads past the team's response target.</summary>
    public bool OverdueOnly { get; init; }

    /// <summary>Searches are this long at least; a shorter text (one typed letter) searches nothing yet.</summary>
    public const int MinimumSearchLength = 2;

    /// <summary>The search text that applies, trimmed, or null when there is none (or it is too short to search).</summary>
    public string? EffectiveSearch => Search?.Trim() is { Length: >= MinimumSearchLength } search ? search : null;

    /// <summary>Whether anything besides the tab and the order narrows the list: a search or any filter.</summary>
    public bool Narrows =>
        EffectiveSearch is not null || Priority is not null || Status is not null || AssigneeId is not null ||
        !string.IsNullOrWhiteSpace(Label) || Classification is not null || CampaignId is not null || OverdueOnly;
}

public enum InboxSort
{
    /// <summary>The most recent message first.</summary>
    Newest,

    /// <summary>The longest wait for a human first; conversations nobody waits on come last.</summary>
    OldestWaiting,
}

/// <summary>Who acts in the inbox, and with which role (checked on every change, not only in the page).</summary>
public sealed record InboxActor(Guid UserId, string Name, Domain.Teams.TeamRole Role);
