using GroupBot.Data;
using GroupBot.Groups;

namespace GroupBot;

/// <summary>Commands for operators: "import FILE.csv" and "healthcheck" (used by the Docker HEALTHCHECK).</summary>
public static class Cli
{
    public static async Task<int> ImportAsync(string file, string[] args)
    {
        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"File not found: {file}");
            return 2;
        }

        var app = GroupBotApp.Build(GroupBotApp.CreateBuilder(args));
        await using var scope = app.Services.CreateAsyncScope();
        var migrator = ActivatorUtilities.CreateInstance<DatabaseMigrator>(scope.ServiceProvider);
        await migrator.StartAsync(CancellationToken.None);
        var importer = ActivatorUtilities.CreateInstance<CsvImporter>(scope.ServiceProvider);
        using var reader = new StreamReader(file, detectEncodingFromByteOrderMarks: true);
        var result = await importer.ImportAsync(reader, CancellationToken.None);
        if (!result.Ok)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync(error);
            }

            await Console.Error.WriteLineAsync($"{result.Errors.Count} problem(s) found. Nothing was imported.");
            return 1;
        }

        Console.WriteLine($"Imported {result.Villages} villages, {result.Groups} groups, {result.Members} members ({result.Skipped} already there).");
        foreach (var line in result.NewGroupCodes)
        {
            Console.WriteLine(line);
        }

        return 0;
    }

    /// <summary>"backup PATH": an online backup of the data and scheduler files into PATH, safe while the bot runs.</summary>
    public static int Backup(string target, string[] args)
    {
        var config = new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().AddCommandLine(args).Build();
        var dataDirectory = GroupBotOptions.DataDirectoryOf(config);
        if (DatabaseSettings.Of(config).IsPostgres)
        {
            Console.Error.WriteLine("Database:Provider is Postgres: back up the server with pg_dump (see the README, \"PostgreSQL\").");
            return 1;
        }

        IReadOnlyList<string> files;
        try
        {
            files = Backups.BackupFiles.Take(dataDirectory, target);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Backup failed: {ex.Message}");
            return 1;
        }

        foreach (var file in files)
        {
            Console.WriteLine($"Backed up {file}");
        }

        return files.Count > 0 ? 0 : 1;
    }

    public static async Task<int> HealthCheckAsync(string[] args)
    {
        var config = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").AddEnvironmentVariables().AddCommandLine(args).Build();
        var url = (config["urls"] ?? GroupBotApp.DefaultUrl).Split(';')[0]
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri(new Uri(url), "/health"));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException)
        {
            return 1;
        }
        catch (TaskCanceledException)
        {
            return 1;
        }
    }
}
