using System.Globalization;

namespace Outreach.Bench;

/// <summary>"--name value" pairs; every option takes exactly one value.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _values;

    private CommandLine(Dictionary<string, string> values) => _values = values;

    public static CommandLine Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3)
            {
                throw new CommandLineException($"Expected an option (--name value), got '{name}'.");
            }
            if (!e.MoveNext())
            {
                throw new CommandLineException($"Option {name} needs a value.");
            }
            values[name[2..]] = e.Current;
        }
        return new CommandLine(values);
    }

    public string Required(string name) =>
        _values.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new CommandLineException($"Option --{name} is required.");

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int? fallback = null)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback ?? throw new CommandLineException($"Option --{name} is required.");
        }
        // Accept 1_000_000 and 1,000,000 as well as 1000000.
        var digits = text.Replace("_", "").Replace(",", "");
        return int.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CommandLineException($"Option --{name} needs a whole number, got '{text}'.");
    }
}

public sealed class CommandLineException(string message) : Exception(message);

/// <summary>A step of the benchmark failed; the message says which and why.</summary>
public sealed class BenchmarkException(string message) : Exception(message);

/// <summary>The entry point every benchmark tool shares: usage, option parsing, Ctrl+C, and exit codes.</summary>
public static class BenchMain
{
    public delegate Task<int> Command(CommandLine options, CancellationToken cancellationToken);

    /// <returns>The command's exit code; 2 for a usage error, 1 when a step of the benchmark failed.</returns>
    public static async Task<int> RunAsync(string[] args, string usage, IReadOnlyDictionary<string, Command> commands)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            var options = CommandLine.Parse(args.Skip(1));
            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            return commands.TryGetValue(args[0], out var command)
                ? await command(options, cancel.Token)
                : throw new CommandLineException($"Unknown command '{args[0]}'.");
        }
        catch (CommandLineException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(usage);
            return 2;
        }
        catch (BenchmarkException ex)
        {
            Console.Error.WriteLine($"{args[0]}: {ex.Message}");
            return 1;
        }
    }
}
