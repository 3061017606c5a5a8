using EvMonitor.Infra.Tests.Support;
using Xunit;

namespace EvMonitor.Infra.Tests;

/// <summary>The templates compile and pass the linter, whose every rule infra/bicepconfig.json makes an error.</summary>
public class BicepCompilationTests
{
    [Fact]
    public void Main_template_builds_without_any_diagnostic()
    {
        var build = CompiledMain.Build;

        Assert.True(build.ExitCode == 0, $"bicep build failed: {build}");
        // Diagnostics go to stderr; a warning (e.g. an unknown API version) does not fail the build by itself.
        Assert.True(string.IsNullOrWhiteSpace(build.StandardError), $"bicep build reported diagnostics: {build.StandardError}");
        Assert.StartsWith("{", build.StandardOutput.TrimStart());
    }

    [Fact]
    public void Every_bicep_file_lints_clean()
    {
        var files = Directory.GetFiles(Repository.PathOf("infra"), "*.bicep", SearchOption.AllDirectories);
        Assert.NotEmpty(files);

        var lint = BicepCli.Run("lint", "--pattern", "infra/**/*.bicep");

        Assert.True(lint.ExitCode == 0, $"bicep lint failed: {lint}");
        Assert.True(string.IsNullOrWhiteSpace(lint.StandardError + lint.StandardOutput), $"bicep lint reported: {lint}");
    }

    [Fact]
    public void Linter_configuration_turns_best_practice_warnings_into_errors()
    {
        // The same configuration, applied to a file with an unused variable and a hard-coded
        // environment URL: both must come out as errors, and the lint must fail.
        var directory = Directory.CreateTempSubdirectory("evmonitor-bicep-");
        try
        {
            File.Copy(Repository.PathOf("infra/bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            var file = Path.Combine(directory.FullName, "sloppy.bicep");
            File.WriteAllText(file, """
                var unused = 'x'
                output endpoint string = 'https://management.azure.com/'
                """);

            var lint = BicepCli.Run("lint", file);

            Assert.NotEqual(0, lint.ExitCode);
            Assert.Contains("Error no-unused-vars", lint.StandardError);
            Assert.Contains("Error no-hardcoded-env-urls", lint.StandardError);
            Assert.DoesNotContain(": Warning ", lint.StandardError);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
