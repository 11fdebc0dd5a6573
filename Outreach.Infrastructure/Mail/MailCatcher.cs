using System.Buffers;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Outreach.Infrastructure.Mail;

/// <summary>
/// An SMTP server on loopback that accepts every message, writes it as an .eml file into a folder (newest name
/// sorts last) and tells its readers. It is how a workstation (<c>./outreach run</c>) and the tests read the
/// invitations and password resets the console sends, through the same MailKit path production uses.
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store;

    private MailCatcher(int port, string folder)
    {
        Port = port;
        Folder = folder;
        Directory.CreateDirectory(folder);
        _store = new Store(folder);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("outreach-mail-catcher")
            .Endpoint(e => e.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> and returns once it accepts connections.</summary>
    public static async Task<MailCatcher> StartAsync(int port, string folder, CancellationToken cancellationToken = default)
    {
        var catcher = new MailCatcher(port, folder);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (catcher._running.IsCompleted)
            {
                await catcher._running; // a port already taken surfaces here
                throw new InvalidOperationException($"The mail catcher on port {port} stopped as it started.");
            }
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken);
                return catcher;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    /// <summary>A loopback port nobody listens on right now (for tests and throwaway catchers).</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public int Port { get; }

    public string Folder { get; }

    /// <summary>Every message caught so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages => _store.Snapshot();

    /// <summary>Waits for the first message (already caught or still to come) that matches.</summary>
    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var subscription = _store.Subscribe();
        try
        {
            foreach (var message in _store.Snapshot())
            {
                if (match(message))
                {
                    return message;
                }
            }
            while (true)
            {
                var next = await subscription.Reader.ReadAsync(deadline.Token);
                if (match(next))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"No matching e-mail arrived within {timeout.TotalSeconds:0} s ({_store.Snapshot().Count} caught).");
        }
        finally
        {
            _store.Unsubscribe(subscription);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Shutdown();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Store(string folder) : MessageStore
    {
        private readonly Lock _gate = new();
        private readonly List<MimeMessage> _messages = [];
        private readonly List<ChannelWriter<MimeMessage>> _readers = [];
        private long _sequence;

        public IReadOnlyList<MimeMessage> Snapshot()
        {
            lock (_gate)
            {
                return _messages.ToArray();
            }
        }

        // Subscribing before the snapshot is read means a message caught in between is seen twice at worst, never missed.
        public Channel<MimeMessage> Subscribe()
        {
            var channel = Channel.CreateUnbounded<MimeMessage>();
            lock (_gate)
            {
                _readers.Add(channel.Writer);
            }
            return channel;
        }

        public void Unsubscribe(Channel<MimeMessage> channel)
        {
            lock (_gate)
            {
                _readers.Remove(channel.Writer);
            }
        }

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var raw = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(raw, cancellationToken);
            var name = $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Interlocked.Increment(ref _sequence):D4}.eml";
            await File.WriteAllBytesAsync(Path.Combine(folder, name), raw.ToArray(), cancellationToken);
            lock (_gate)
            {
                _messages.Add(message);
                foreach (var reader in _readers)
                {
                    reader.TryWrite(message);
                }
            }
            return SmtpResponse.Ok;
        }
    }
}
