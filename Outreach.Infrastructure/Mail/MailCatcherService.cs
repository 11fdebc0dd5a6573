using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Outreach.Infrastructure.Mail;

/// <summary>Runs the <see cref="MailCatcher"/> inside the node when <c>Outreach:Mail:CatcherPort</c> is set.</summary>
public sealed class MailCatcherService(
    IOptions<MailOptions> mail,
    IOptions<OutreachOptions> outreach,
    IHostEnvironment environment,
    ILogger<MailCatcherService> logger) : IHostedService, IAsyncDisposable
{
    private MailCatcher? _catcher;

    public static string FolderFor(string contentRoot, string dataDirectory) => Path.Combine(contentRoot, dataDirectory, "mail");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (mail.Value.CatcherPort is not { } port)
        {
            return;
        }
        var folder = FolderFor(environment.ContentRootPath, outreach.Value.DataDirectory);
        _catcher = await MailCatcher.StartAsync(port, folder, cancellationToken);
        logger.LogInformation("Mail catcher listening on 127.0.0.1:{Port}; every e-mail the console sends is written to {Folder}", port, folder);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_catcher is not null)
        {
            await _catcher.DisposeAsync();
            _catcher = null;
        }
    }
}
