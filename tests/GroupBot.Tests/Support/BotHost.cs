using System.Net.Http.Json;
using System.Text.Json;
using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.People;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GroupBot.Tests.Support;

/// <summary>
/// The real bot (Kestrel on a loopback port, real SQLite files in a temp folder, the simulator
/// channel) with a fake clock. A second host on the same folder is a restart. In a test class
/// marked <see cref="IOnPostgres"/> the bot runs on a fresh PostgreSQL database instead
/// (<see cref="TestPostgres"/>); a restart keeps it.
/// </summary>
public sealed class BotHost : IAsyncDisposable
{
    /// <summary>Friday 4 December 2026, 07:00 WIB.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly bool _ownsFolder;

    private BotHost(WebApplication app, string folder, FakeTimeProvider time, bool ownsFolder)
    {
        _app = app;
        Folder = folder;
        Time = time;
        _ownsFolder = ownsFolder;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Folder { get; }
    public FakeTimeProvider Time { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<BotHost> StartAsync(
        string? folder = null,
        FakeTimeProvider? time = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        bool realClock = false,
        Microsoft.Extensions.Logging.ILoggerProvider? logs = null)
    {
        var owns = folder is null;
        folder ??= Directory.CreateTempSubdirectory("groupbot-test-").FullName;
        var postgres = owns && TestPostgres.CurrentTestWants && (settings is null || !settings.ContainsKey(DatabaseSettings.ProviderKey))
            ? await TestPostgres.CreateDatabaseAsync()
            : null;
        if (postgres is not null)
        {
            settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                [DatabaseSettings.ProviderKey] = "Postgres",
                ["ConnectionStrings:GroupBot"] = postgres,
            };
        }

        time ??= new FakeTimeProvider(DefaultStart);
        var config = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["GroupBot:DataDirectory"] = folder,
            ["GroupBot:Admins:0"] = "simulator:admin",
            ["Simulator:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
            // EF on PostgreSQL reads the migrations table before it exists and logs that as an error.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Critical",
            // Tests that raise the level do so to read the logs through a provider; the console stays quiet,
            // so a failing test's message is what ends the run's output.
            ["Logging:Console:LogLevel:Default"] = "Error",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            config[k] = v;
        }

        var builder = GroupBotApp.CreateBuilder([], b =>
        {
            b.Configuration.AddInMemoryCollection(config);
            b.Services.AddSingleton(realClock ? TimeProvider.System : time);
            if (logs is not null)
            {
                b.Logging.AddProvider(logs);
            }
        });
        services?.Invoke(builder.Services);
        var app = GroupBotApp.Build(builder);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new BotHost(app, folder, time, owns) { _settings = settings, _realClock = realClock, _postgres = postgres };
    }

    /// <summary>Stops this host and starts a new one on the same files and clock: a restart.</summary>
    public async Task<BotHost> RestartAsync(IDictionary<string, string?>? settings = null)
    {
        await _app.StopAsync(TestContext.Current.CancellationToken);
        await _app.DisposeAsync();
        Http.Dispose();
        SqliteConnection.ClearAllPools();
        var next = await StartAsync(Folder, Time, Merge(settings), realClock: _realClock);
        next._postgres = _postgres;
        next._ownsPostgres = _ownsPostgres;
        _ownsPostgres = false;
        _restarted = true;
        return next;
    }

    /// <summary>A restart with other settings stays on this bot's database.</summary>
    private IDictionary<string, string?>? Merge(IDictionary<string, string?>? settings)
    {
        if (settings is null || _settings is null || !_settings.TryGetValue(DatabaseSettings.ProviderKey, out var provider))
        {
            return settings ?? _settings;
        }

        return new Dictionary<string, string?>(settings)
        {
            [DatabaseSettings.ProviderKey] = provider,
            ["ConnectionStrings:GroupBot"] = _settings["ConnectionStrings:GroupBot"],
        };
    }

    /// <summary>The PostgreSQL database this bot made (null on SQLite); dropped by the last host that uses it.</summary>
    private string? _postgres;
    private bool _ownsPostgres = true;

    /// <summary>True when this bot runs on PostgreSQL.</summary>
    public bool OnPostgres => _postgres is not null;

    private bool _restarted;
    private IDictionary<string, string?>? _settings;
    private bool _realClock;

    public async Task<IReadOnlyList<Reply>> PostAsync(object body)
    {
        using var response = await Http.PostAsJsonAsync("/simulator/messages", body, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return [.. json.GetProperty("replies").EnumerateArray().Select(Reply.From)];
    }

    public Task<IReadOnlyList<Reply>> SayAsync(string user, string text, string? id = null) =>
        PostAsync(id is null ? new { user, text } : new { user, text, id });

    public Task<IReadOnlyList<Reply>> ChooseAsync(string user, string choice) => PostAsync(new { user, choice });

    /// <summary>Says something and returns all reply texts joined, for simple assertions.</summary>
    public async Task<string> TextAsync(string user, string text) => string.Join("\n", (await SayAsync(user, text)).Select(r => r.Text));

    public async Task<IReadOnlyList<Reply>> MessagesAsync(string user)
    {
        var json = await Http.GetFromJsonAsync<JsonElement>($"/simulator/messages?user={user}", TestContext.Current.CancellationToken);
        return [.. json.GetProperty("messages").EnumerateArray().Select(Reply.From)];
    }

    /// <summary>Runs a query on a fresh DbContext.</summary>
    public async Task<T> DbAsync<T>(Func<GroupBotDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<GroupBotDb>());
    }

    /// <summary>Row counts of every table an incoming message can touch: unchanged counts mean nothing was stored.</summary>
    public Task<RowCounts> RowCountsAsync() => DbAsync(async db => new RowCounts(
        await db.Inbox.CountAsync(), await db.Outbox.CountAsync(), await db.Conversations.CountAsync(), await db.People.CountAsync(),
        await db.ChatIdentities.CountAsync(), await db.ChannelStates.CountAsync(), await db.Audit.CountAsync()));

    public async ValueTask DisposeAsync()
    {
        if (!_restarted)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
            Http.Dispose();
        }

        if (_postgres is not null && _ownsPostgres)
        {
            await TestPostgres.DropDatabaseAsync(_postgres);
        }

        if (_ownsFolder)
        {
            TempFolder.Delete(Folder);
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
    }
}

public sealed record RowCounts(int Inbox, int Outbox, int Conversations, int People, int ChatIdentities, int ChannelStates, int Audit);

public sealed record Reply(string Text, IReadOnlyList<Choice> Choices)
{
    public static Reply From(JsonElement e) => new(
        e.GetProperty("text").GetString()!,
        [.. e.GetProperty("choices").EnumerateArray().Select(c => new Choice(c.GetProperty("id").GetString()!, c.GetProperty("label").GetString()!))]);

    /// <summary>The id of the choice with this label (case-insensitive).</summary>
    public string Choice(string label) =>
        Choices.First(c => string.Equals(c.Label, label, StringComparison.OrdinalIgnoreCase)).Id;
}
