using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Text.Json;
using GroupBot.Chat;
using GroupBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GroupBot.Tests.Health;

/// <summary>/health details, the GroupBot meter's counters, and the OpenTelemetry exporter switched on by configuration.</summary>
public sealed class ObservabilityTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    [Fact]
    public async Task Health_reports_database_scheduler_inbox_outbox_and_channels()
    {
        await using var bot = await BotHost.StartAsync();
        await Scenario.CreateGroupAsync(bot);

        using var response = await bot.Http.GetAsync("/health", TestContext.Current.CancellationToken);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", json.GetProperty("status").GetString());
        Assert.Equal("ok", json.GetProperty("database").GetString());
        Assert.Equal("ok", json.GetProperty("scheduler").GetString());
        Assert.True(json.GetProperty("databaseBytes").GetInt64() > 0);
        Assert.True(json.GetProperty("reminders").GetProperty("jobs").GetInt32() > 0); // the group's meeting reminders, the daily jobs
        Assert.Equal(0, json.GetProperty("inbox").GetProperty("unhandled").GetInt32());
        Assert.Equal(0, json.GetProperty("outbox").GetProperty("pending").GetInt32());
        var simulator = Assert.Single(json.GetProperty("channels").EnumerateArray());
        Assert.Equal("simulator", simulator.GetProperty("name").GetString());
        Assert.Equal(BotHost.DefaultStart.UtcDateTime, simulator.GetProperty("lastReceivedUtc").GetDateTime());
        Assert.Equal(BotHost.DefaultStart.UtcDateTime, simulator.GetProperty("lastSentUtc").GetDateTime());
    }

    [Fact]
    public async Task Counters_follow_messages_in_and_out_redeliveries_outbox_depth_and_reminder_lag()
    {
        await using var bot = await Scenario.MelatiAsync();
        using var meter = new Readings(bot);

        await bot.SayAsync("siti", "bantuan", id: "m1");
        await bot.SayAsync("siti", "bantuan", id: "m1"); // re-delivered
        await bot.SayAsync("siti", "hadir", id: "m2");
        await bot.DbAsync(async db =>
        {
            // A message for a channel that is not configured here stays pending: the outbox depth shows it.
            Outbox.Enqueue(db, ChannelNames.Telegram, "123", OutgoingMessage.Plain("x"), OutboxPriority.Bulk, bot.Time.GetUtcNow().UtcDateTime, null);
            return await db.SaveChangesAsync();
        });
        // Friday 12.00 WIB: the 2-hours-before reminder to Melati's three members.
        bot.Time.Advance(new DateTimeOffset(2026, 12, 4, 12, 0, 1, Wib) - bot.Time.GetUtcNow());
        await meter.WaitForAsync("groupbot.reminder.lag|kind=meeting", 1);
        meter.Collect();

        Assert.Equal(2, meter.Sum("groupbot.messages.received|channel=simulator"));
        Assert.Equal(1, meter.Sum("groupbot.messages.redelivered|channel=simulator"));
        Assert.Equal(2, meter.Count("groupbot.step.duration|channel=simulator"));
        Assert.True(meter.Sum("groupbot.step.duration|channel=simulator") > 0); // real milliseconds, even on the fake clock
        await meter.WaitForAsync("groupbot.messages.sent|channel=simulator", 2 + 3); // two replies, three reminders
        Assert.Equal(1, meter.Count("groupbot.reminder.lag|kind=meeting"));
        Assert.InRange(meter.Sum("groupbot.reminder.lag|kind=meeting"), 0, 5);
        Assert.Equal(1, meter.Last("groupbot.outbox.depth|status=pending"));
        Assert.Equal(0, meter.Sum("groupbot.failures|kind=handler,channel=simulator"));
    }

    [Fact]
    public async Task The_OTLP_exporter_is_off_by_default_and_sends_the_counters_when_configured()
    {
        await using var collector = await FakeCollector.StartAsync();
        await using var bot = await BotHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Telemetry:Exporter"] = "otlp",
            ["Telemetry:Endpoint"] = collector.Url + "/v1/metrics",
            ["Telemetry:ExportInterval"] = "00:00:00.200",
        }, realClock: true);

        await bot.SayAsync("someone", "bantuan");
        // The step's duration is recorded after its receipt: an export can fall between the two,
        // so wait for the later one; the counters are cumulative, so that export holds both.
        var body = await collector.WaitForAsync("groupbot.step.duration");

        Assert.Contains("groupbot.messages.received", body, StringComparison.Ordinal);
        Assert.Contains("groupbot", body, StringComparison.Ordinal); // service.name
        Assert.Equal("application/x-protobuf", collector.ContentType);
    }

    [Fact]
    public async Task An_unknown_exporter_name_stops_the_start_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Telemetry:Exporter"] = "prometheus" }));
        Assert.Contains("Telemetry:Exporter must be none, otlp or console", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Listens to this host's GroupBot meter only (other tests' hosts run in the same process).</summary>
    private sealed class Readings : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, (double Sum, long Count, double Last)> _values = new();

        public Readings(BotHost bot)
        {
            var factory = bot.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == BotMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
            _listener.Start();
        }

        public void Collect() => _listener.RecordObservableInstruments();

        public double Sum(string key) => _values.TryGetValue(key, out var v) ? v.Sum : 0;

        public long Count(string key) => _values.TryGetValue(key, out var v) ? v.Count : 0;

        public double Last(string key) => _values.TryGetValue(key, out var v) ? v.Last : double.NaN;

        public async Task WaitForAsync(string key, long count)
        {
            var deadline = Deadline.In(TimeSpan.FromSeconds(20));
            while (Count(key) < count && !deadline.Passed)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            Assert.True(Count(key) >= count, $"{key}: {Count(key)} of {count}");
        }

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var key = instrument.Name + "|" + string.Join(",", tags.ToArray().Where(t => t.Value is not null).Select(t => $"{t.Key}={t.Value}"));
            _values.AddOrUpdate(key, (value, 1, value), (_, v) => (v.Sum + value, v.Count + 1, value));
        }
    }

    /// <summary>An OpenTelemetry collector's OTLP/HTTP metrics endpoint on a loopback port; keeps what it receives.</summary>
    private sealed class FakeCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<string> _bodies = new();

        private FakeCollector(WebApplication app) => _app = app;

        public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        public string? ContentType { get; private set; }

        public static async Task<FakeCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var collector = new FakeCollector(app);
            app.MapPost("/v1/metrics", async (HttpRequest request) =>
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer);
                collector.ContentType = request.ContentType;
                // Protobuf keeps strings as UTF-8 bytes: instrument names are readable in the payload.
                collector._bodies.Enqueue(Encoding.UTF8.GetString(buffer.ToArray()));
                return Results.Ok();
            });
            await app.StartAsync(TestContext.Current.CancellationToken);
            return collector;
        }

        public async Task<string> WaitForAsync(string text)
        {
            var deadline = Deadline.In(TimeSpan.FromSeconds(20));
            while (!deadline.Passed)
            {
                var match = _bodies.FirstOrDefault(b => b.Contains(text, StringComparison.Ordinal));
                if (match is not null)
                {
                    return match;
                }

                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            throw new TimeoutException($"The collector received {_bodies.Count} exports, none with {text}.");
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
    }
}
