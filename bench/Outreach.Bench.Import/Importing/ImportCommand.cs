using System.Diagnostics;
using System.Globalization;

using Outreach.Bench;

namespace Outreach.Bench.Import.Importing;

/// <summary>
/// One import, timed from the first byte of the upload to the poll that sees it completed (so the time
/// includes the transfer, the console's copy to disk, preview, parse, COPY, merge and commit).
/// </summary>
public static class ImportCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<int> RunAsync(CommandLine options, CancellationToken cancellationToken)
    {
        var url = new Uri(options.Required("url").TrimEnd('/') + "/");
        var email = options.Required("email");
        var password = options.Required("password");
        var path = Path.GetFullPath(options.Required("file"));
        var pid = options.Optional("pid") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : (int?)null;
        var pgPid = options.Optional("pg-pid") is { } g ? int.Parse(g, CultureInfo.InvariantCulture) : (int?)null;
        var timeout = TimeSpan.FromMinutes(options.Int("timeout-minutes", 30));
        if (!File.Exists(path))
        {
            throw new CommandLineException($"No file {path}.");
        }
        var bytes = new FileInfo(path).Length;

        using var client = new ConsoleClient(url);
        try
        {
            await client.SignInAsync(email, password, cancellationToken);
            var token = await client.ImportTokenAsync(cancellationToken);

            var baselineKb = pid is { } id ? RssSampler.Read(id) : 0;
            await using var sampler = pid is { } sampled ? RssSampler.Start(sampled, PollInterval) : null;
            var cpu = CpuUsage.Start(pid, pgPid);
            var stopwatch = Stopwatch.StartNew();
            var importId = await client.UploadAsync(path, token, cancellationToken);
            var uploadMs = stopwatch.ElapsedMilliseconds;

            long? mergeStartedMs = null;
            ImportState state;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            while (true)
            {
                state = await client.GetImportAsync(importId, deadline.Token);
                if (state.IsFinished)
                {
                    break;
                }
                // The importer reports 90% when parsing and COPY are done and the set-based merge begins.
                if (mergeStartedMs is null && state.ProgressPercent >= 90)
                {
                    mergeStartedMs = stopwatch.ElapsedMilliseconds;
                }
                await Task.Delay(PollInterval, deadline.Token);
            }
            var totalMs = stopwatch.ElapsedMilliseconds;
            var peakKb = sampler?.PeakKb ?? 0;
            var (machine, console, postgres, other) = cpu.Stop();

            var line = string.Create(CultureInfo.InvariantCulture,
                $"RESULT import file={Path.GetFileName(path)} bytes={bytes} import_id={importId} status={state.Status} total_ms={totalMs} upload_ms={uploadMs} " +
                $"merge_seen_ms={(mergeStartedMs is { } m ? m.ToString(CultureInfo.InvariantCulture) : "-")} server_ms={(state.DurationMs is { } d ? Math.Round(d).ToString(CultureInfo.InvariantCulture) : "-")} " +
                $"rows={state.TotalRows} inserted={state.Inserted} updated={state.Updated} duplicates={state.Duplicates} invalid={state.Invalid} suppressed={state.Suppressed}");
            line += $" cpu_machine={CpuUsage.Format(machine)} cpu_console={CpuUsage.Format(console)} cpu_postgres={CpuUsage.Format(postgres)} cpu_other={CpuUsage.Format(other)}";
            if (pid is not null)
            {
                line += string.Create(CultureInfo.InvariantCulture,
                    $" rss_baseline_mb={baselineKb / 1024} rss_peak_mb={peakKb / 1024} rss_growth_mb={Math.Max(0, peakKb - baselineKb) / 1024}");
            }
            Console.WriteLine(line);
            if (state.Status != "Completed")
            {
                Console.Error.WriteLine($"Import {importId} ended {state.Status}: {state.Error}");
                return 1;
            }
            return 0;
        }
        catch (Exception ex) when (ex is BenchmarkException or HttpRequestException or OperationCanceledException)
        {
            Console.WriteLine($"RESULT import file={Path.GetFileName(path)} bytes={bytes} status=Error");
            Console.Error.WriteLine($"Import failed: {ex.Message}");
            return 1;
        }
    }
}
