using System.Diagnostics;
using GroupBot.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Benchmarks;

/// <summary>The real bot host on a temp folder (no chat channels), and small measuring helpers.</summary>
public sealed class Harness : IAsyncDisposable
{
    private Harness(WebApplication app, string folder)
    {
        App = app;
        Folder = folder;
    }

    public WebApplication App { get; }
    public string Folder { get; }

    public static async Task<Harness> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("groupbot-bench-").FullName;
        var builder = GroupBotApp.CreateBuilder([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["GroupBot:DataDirectory"] = folder,
            ["Simulator:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        var app = GroupBotApp.Build(builder);
        await app.StartAsync();
        return new Harness(app, folder);
    }

    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(DataExtensions.ConnectionString(Folder, DataExtensions.DatabaseFileName));
        connection.Open();
        return connection;
    }

    public async Task<T> WithDbAsync<T>(Func<GroupBotDb, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GroupBotDb>());
    }

    /// <summary>Runs <paramref name="work"/> and reports wall time and managed bytes allocated meanwhile.</summary>
    public static async Task<(TimeSpan Time, long AllocatedMb, T Result)> MeasureAsync<T>(Func<Task<T>> work)
    {
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var result = await work();
        watch.Stop();
        return (watch.Elapsed, (GC.GetTotalAllocatedBytes(precise: true) - before) / 1024 / 1024, result);
    }

    public static long PeakRssMb() => Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024;

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
