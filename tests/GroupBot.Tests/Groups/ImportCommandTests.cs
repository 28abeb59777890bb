using System.Diagnostics;
using GroupBot.Tests.Support;
using Microsoft.Data.Sqlite;

namespace GroupBot.Tests.Groups;

/// <summary>The operator's command, "GroupBot import FILE.csv", run as a real process.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("groupbot-import-").FullName;

    public void Dispose()
    {
        TempFolder.Delete(_data);
    }

    private async Task<(int Exit, string Out, string Err)> RunAsync(string csv)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "GroupBot.dll"), "import", Path.Combine(AppContext.BaseDirectory, "testdata", csv) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _data,
        };
        start.Environment["GroupBot__DataDirectory"] = _data;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "groupbot.db")}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    [Fact]
    public async Task A_bad_file_exits_non_zero_lists_the_lines_and_imports_nothing()
    {
        var (exit, _, err) = await RunAsync("import-bad.csv");

        Assert.Equal(1, exit);
        Assert.Contains("line 3: kind 'arisan'", err, StringComparison.Ordinal);
        Assert.Contains("6 problem(s) found. Nothing was imported.", err, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("Villages"));
    }

    [Fact]
    public async Task A_good_file_imports_and_prints_the_new_codes()
    {
        var (exit, output, _) = await RunAsync("import-good.csv");

        Assert.Equal(0, exit);
        Assert.Contains("Imported 3 villages, 2 groups, 4 members (0 already there).", output, StringComparison.Ordinal);
        Assert.Contains("Mungo / Melati: member code ", output, StringComparison.Ordinal);
        Assert.Equal(4, await CountAsync("Memberships"));
    }
}
