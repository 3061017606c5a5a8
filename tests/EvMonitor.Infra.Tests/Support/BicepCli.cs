using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EvMonitor.Infra.Tests.Support;

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"exit code {ExitCode}{Environment.NewLine}stderr:{Environment.NewLine}{StandardError}{Environment.NewLine}stdout:{Environment.NewLine}{Truncate(StandardOutput)}";

    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..4000] + "…";
}

/// <summary>
/// The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package, run where NuGet restored it.
/// </summary>
internal static class BicepCli
{
    private static readonly Lazy<string> executable = new(Locate);

    public static string ExecutablePath => executable.Value;

    public static ProcessResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} took longer than two minutes");
        }
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string Locate()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
            throw new PlatformNotSupportedException("The infrastructure tests run the linux-x64 Bicep CLI.");

        var path = Repository.Metadata("BicepPath");
        if (!File.Exists(path))
            throw new FileNotFoundException("The Bicep CLI is missing: restore tests/EvMonitor.Infra.Tests.", path);

        // The package does not always keep the executable bit for everyone; make sure we can run it.
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & execute) != execute)
            File.SetUnixFileMode(path, mode | execute);
        return path;
    }
}
