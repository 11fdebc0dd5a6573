using MudBlazor;

namespace Outreach.Console.Components.Dialogs;

/// <summary>The console's common questions, asked through MudBlazor's <see cref="IDialogService"/>.</summary>
public static class Dialogs
{
    /// <summary>A reason for the audit log, or null when the operator cancels (or skips).</summary>
    public static async Task<string?> AskReasonAsync(this IDialogService dialogs, string title, string? prompt = null,
        string confirmText = "Confirm", string cancelText = "Cancel", bool danger = true)
    {
        var parameters = new DialogParameters<ReasonDialog>
        {
            { d => d.Title, title },
            { d => d.ConfirmText, confirmText },
            { d => d.CancelText, cancelText },
            { d => d.Danger, danger },
        };
        if (prompt is not null)
        {
            parameters.Add(d => d.Prompt, prompt);
        }
        var dialog = await dialogs.ShowAsync<ReasonDialog>(title, parameters);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string reason } ? reason : null;
    }

    /// <summary>A tag (or label) to add or remove, or null when the operator cancels.</summary>
    public static async Task<string?> AskTagAsync(this IDialogService dialogs, string title, bool add = true, string noun = "Tag")
    {
        var dialog = await dialogs.ShowAsync<TagDialog>(title, new DialogParameters<TagDialog>
        {
            { d => d.Title, title },
            { d => d.Add, add },
            { d => d.Noun, noun },
        }, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string tag } ? tag : null;
    }

    /// <summary>Yes or no before something that cannot be undone; true only when the operator confirms.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string confirmText)
    {
        var confirmed = await dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = title,
            Message = message,
            YesText = confirmText,
            CancelText = "Cancel",
        });
        return confirmed == true;
    }
}
