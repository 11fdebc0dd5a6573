using MudBlazor;
using Outreach.Console.Components.Dialogs;
using Outreach.Domain.Auditing;
using Outreach.Infrastructure.Prospects;

namespace Outreach.Console.Features.Prospects;

/// <summary>Marking a prospect do-not-contact, asked the same way wherever the button is (prospect page, inbox).</summary>
public static class DoNotContact
{
    /// <returns>True when the operator confirmed and the prospect's phone and e-mail are now suppressed.</returns>
    public static async Task<bool> ConfirmAsync(IDialogService dialogs, ProspectService prospects, Guid prospectId, AuditActor actor)
    {
        if (!await dialogs.ConfirmAsync("Do not contact",
                "Add this prospect's phone number and e-mail address to the suppression list? Nothing will be sent to them.", "Yes, suppress"))
        {
            return false;
        }
        await prospects.BulkAsync(ProspectSelection.Of([prospectId]), new BulkAction.DoNotContact(), actor, CancellationToken.None);
        return true;
    }
}
