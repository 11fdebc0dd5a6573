namespace Outreach.Infrastructure.Inbox;

/// <summary>
/// One open conversation pane: a browser tab of a signed-in operator, kept fresh by a heartbeat. The table is
/// unlogged (it is worth nothing after a crash) and shared by every node, which is what lets an operator on
/// one node see a colleague on another.
/// </summary>
public sealed class ConversationViewer : Outreach.Domain.Common.ITeamOwned
{
    public Guid ViewerId { get; set; }
    public Guid TeamId { get; set; }
    public Guid ConversationId { get; set; }
    public Guid UserId { get; set; }
    public string UserName { get; set; } = string.Empty;
    public DateTimeOffset SeenAt { get; set; }
}
