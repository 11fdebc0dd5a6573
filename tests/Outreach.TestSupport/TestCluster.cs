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
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>
    /// Stops the server synchronously, for process-exit handlers that cannot await. Immediate: the test host gives
    /// these handlers little time, and nothing in a test cluster needs a checkpoint.
    /// </summary>
    internal void StopAndDelete()
    {
        try
        {
            RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-s", "-m", "immediate", "-w", "stop"], CancellationToken.None).GetAwaiter().GetResult();
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Nothing to report to at process exit; the folder is in the temporary directory.
        }
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
