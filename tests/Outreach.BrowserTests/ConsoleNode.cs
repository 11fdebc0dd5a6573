using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Outreach.TestSupport;

namespace Outreach.BrowserTests;

/// <summary>One real console process, started the way './outreach run' starts it.</summary>
public sealed class ConsoleNode : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public ConsoleNode(string name, string connectionString, string dataDirectory, int? port = null)
    {
        Name = name;
        Port = port ?? FreePort();
        _environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Outreach"] = connectionString,
            ["ConnectionStrings__OutreachApp"] = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Username = "outreach_app" }.ConnectionString,
            ["ASPNETCORE_URLS"] = BaseUrl,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Outreach__NodeName"] = name,
            ["Outreach__DataDirectory"] = dataDirectory,
            ["Outreach__Seed__OwnerEmail"] = ConsoleCluster.OwnerEmail,
            ["Outreach__Seed__OwnerPassword"] = ConsoleCluster.OwnerPassword,
            ["Outreach__Scheduler__CheckInSeconds"] = "1",
            ["Outreach__Scheduler__HeartbeatSeconds"] = "2",
            // The simulator answers quickly and predictably here: no random failures or replies to race with.
            ["Outreach__Messaging__Simulator__DelayScale"] = "0.05",
            ["Outreach__Messaging__Simulator__FailureRate"] = "0",
            ["Outreach__Messaging__Simulator__ReplyRate"] = "0",
        };
    }

    public string Name { get; }

    /// <summary>Adds or replaces an environment variable of the process; call before <see cref="StartAsync"/>.</summary>
    public ConsoleNode With(string variable, string value)
    {
        _environment[variable] = value;
        return this;
    }
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public static string ConsoleAssembly
    {
        get
        {
            // Same configuration as this test assembly (bin/<Configuration>/net10.0).
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            var path = Path.Combine(RepositoryPaths.Root, "Outreach.Console", "bin", configuration, "net10.0", "Outreach.Console.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first.", path);
        }
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [ConsoleAssembly])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    /// <summary>Ends the process at once, as a crash or a pulled plug would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"Node {Name} exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Node {Name} was not ready within 90 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        await KeepLogAsync();
    }

    /// <summary>
    /// Keeps what the node printed next to the test results, where './outreach test' shows its warnings
    /// when a test failed: a failure seen only in CI can then be explained from the nodes' side too.
    /// </summary>
    private async Task KeepLogAsync()
    {
        var folder = Path.Combine(RepositoryPaths.Root, ".data", "test-results", "nodes");
        Directory.CreateDirectory(folder);
        await File.AppendAllTextAsync(Path.Combine(folder, $"{Name}.log"), Output);
    }
}
