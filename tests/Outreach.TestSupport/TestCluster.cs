using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Outreach.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster of its own: initdb into a temporary folder, started on a free port of
/// 127.0.0.1, trusting local logins as <c>outreach</c> (as './outreach test' starts one), stopped and deleted on dispose.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    public const string Owner = "outreach";

    private readonly string directory;
    private readonly string binaries;

    private TestCluster(string directory, string binaries, int port)
    {
        this.directory = directory;
        this.binaries = binaries;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The owner role on database <c>postgres</c>.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Owner,
        Database = "postgres",
    }.ConnectionString;

    private string DataDirectory => Path.Combine(directory, "data");

    public static async Task<TestCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        var binaries = FindBinaries();
        var directory = Directory.CreateTempSubdirectory("outreach-pg-").FullName;
        try
        {
            if (Environment.IsPrivilegedProcess)
            {
                // initdb and postgres refuse to run as root; the postgres system user owns the cluster instead.
                await RunAsync("chown", ["postgres:postgres", directory], cancellationToken);
            }
            var cluster = new TestCluster(directory, binaries, FreePort());
            await cluster.RunPostgresToolAsync("initdb", ["-D", cluster.DataDirectory, "-A", "trust", "-U", Owner, "-E", "UTF8", "--no-locale"], cancellationToken);
            await cluster.StartServerAsync(cancellationToken);
            cluster.StartWatchdog();
            return cluster;
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Stops the server at once (as a crash or a failover would), keeping its data.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-s", "-m", "immediate", "-w", "stop"], cancellationToken);

    /// <summary>Starts the server again on the same port.</summary>
    public async Task StartServerAsync(CancellationToken cancellationToken = default)
    {
        // fsync off: a test cluster's data does not have to survive a power cut, and it spares a shared machine's disk.
        var options = $"-p {Port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300";
        await RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(directory, "server.log"), "-s", "-w", "-t", "60", "-o", options, "start"], cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-s", "-m", "fast", "-w", "stop"], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }
        await DeleteFolderAsync(directory);
    }

    // The server's last children may still write a file or two after pg_ctl has seen the postmaster go.
    private static async Task DeleteFolderAsync(string directory)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(200 * attempt);
            }
        }
    }

    /// <summary>
    /// A detached shell that stops the server and deletes its folder once this process is gone, however it ends: a
    /// test host killed by the runner, an IDE's stop button or a crash run no handler of ours (process-exit handlers
    /// race the runner's kill). It also ends by itself when <see cref="DisposeAsync"/> has removed the folder.
    /// </summary>
    private void StartWatchdog()
    {
        var stop = Environment.IsPrivilegedProcess ? "runuser -u postgres -- \"$1\"" : "\"$1\"";
        var script = $$"""
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$0" && [ -d "$2" ]; do sleep 1; done
            if [ -d "$2" ]; then {{stop}} -D "$2/data" -s -m immediate -w stop; fi
            for _ in 1 2 3 4 5; do [ -d "$2" ] && { rm -rf "$2" || sleep 1; }; done
            """;
        var start = new ProcessStartInfo("setsid") { WorkingDirectory = "/", RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["bash", "-c", script, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(binaries, "pg_ctl"), directory])
        {
            start.ArgumentList.Add(argument);
        }
        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("the cluster's watchdog did not start");
    }

    private Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(binaries, tool);
        return Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], cancellationToken)
            : RunAsync(path, arguments, cancellationToken);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        // The root folder as working directory: the postgres user may not be allowed into the caller's.
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    private static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin")).Where(bin => File.Exists(Path.Combine(bin, "initdb")))
            : [];
        return candidates.OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var version) ? version : 0).FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL's server binaries are not installed: apt-get install -y postgresql (or run './outreach test', which installs them).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
