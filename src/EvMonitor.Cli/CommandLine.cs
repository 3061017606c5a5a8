namespace EvMonitor.Cli;

/// <summary>"noun verb --name value … positional…", the whole grammar the CLI needs.</summary>
public static class CommandLine
{
    public static bool TryParse(string[] args, out string command, out Options options, out List<string> positional, out string problem)
    {
        command = "";
        options = new Options();
        positional = [];
        problem = "";
        if (args.Length < 2)
        {
            problem = "a command is required";
            return false;
        }
        command = args[0] + " " + args[1];
        for (var i = 2; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }
            if (i + 1 >= args.Length)
            {
                problem = $"{args[i]} needs a value";
                return false;
            }
            options.Add(args[i][2..], args[++i]);
        }
        return true;
    }
}

public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public void Add(string name, string value) => _values[name] = value;

    public string Required(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new CliException($"--{name} is required");

    public string? Optional(string name) => _values.GetValueOrDefault(name);
}
