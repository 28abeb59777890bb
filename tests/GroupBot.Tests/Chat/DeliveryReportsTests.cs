using GroupBot.Chat;
using GroupBot.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GroupBot.Tests.Chat;

/// <summary>The core deciding what a channel's delivery news does to an outbox row, on real SQLite, with no channel at all.</summary>
public sealed class DeliveryReportsTests : IAsyncLifetime
{
    private const string Channel = "scripted";
    private const string Siti = "siti";
    private static readonly TemplateRef Reminder = new(Templates.MeetingReminder, "id", ["Melati", "Jumat", "14.00", "-"]);

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
    private readonly TemplateSender _sender = new();
    private ServiceProvider _services = null!;
    private DeliveryReports _reports = null!;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    public async ValueTask InitializeAsync()
    {
        await _connection.OpenAsync();
        var services = new ServiceCollection();
        services.AddDbContext<GroupBotDb>(o => o.UseSqlite(_connection));
        _services = services.BuildServiceProvider();
        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<GroupBotDb>().Database.MigrateAsync();
        }

        _reports = new DeliveryReports(_services.GetRequiredService<IServiceScopeFactory>(), [_sender], new Outbox(), _time);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connection.DisposeAsync();
    }

    /// <summary>A message the channel accepted as <paramref name="externalId"/>, after <paramref name="attempts"/> tries.</summary>
    private async Task<long> SentAsync(string externalId, TemplateRef? template = null, int attempts = 1)
    {
        var row = Outbox.Row(Channel, Siti, new OutgoingMessage { Text = "Pengingat", Template = template }, OutboxPriority.Bulk, Now);
        for (var i = 1; i < attempts; i++)
        {
            row.Retry("503 Service Unavailable", Now);
        }

        row.MarkSent(externalId, Now);
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        db.Outbox.Add(row);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return row.Id;
    }

    private async Task<OutboxMessage> RowAsync(long id)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GroupBotDb>().Outbox.SingleAsync(o => o.Id == id, TestContext.Current.CancellationToken);
    }

    private Task<DeliveryOutcome> ReportAsync(DeliveryNews news, string channel = Channel) => _reports.ReportAsync(channel, news, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_closed_window_sends_the_message_again_as_its_template_when_the_channel_has_it()
    {
        var id = await SentAsync("m1", Reminder);

        var outcome = await ReportAsync(new DeliveryNews.Failed("m1", new SendResult.Waiting("131047 Re-engagement message"), Now.AddSeconds(-5)));

        Assert.Equal(new DeliveryOutcome.Undelivered(id, "131047 Re-engagement message"), outcome);
        var row = await RowAsync(id);
        Assert.Equal((OutboxStatus.Pending, true, Now, "failed", (DateTime?)Now.AddSeconds(-5)), (row.Status, row.UseTemplate, row.NextAttemptUtc, row.ChannelStatus, row.ChannelStatusUtc));
    }

    [Fact]
    public async Task A_closed_window_holds_a_message_the_channel_has_no_template_for()
    {
        var id = await SentAsync("m1", new TemplateRef(Templates.Announcement, "id", ["Rapat"]));

        await ReportAsync(new DeliveryNews.Failed("m1", new SendResult.Waiting("131047 Re-engagement message"), null));

        var row = await RowAsync(id);
        Assert.Equal((OutboxStatus.Waiting, false, (DateTime?)Now), (row.Status, row.UseTemplate, row.ChannelStatusUtc));
    }

    [Fact]
    public async Task A_passing_failure_retries_with_the_dispatchers_back_off_for_the_attempts_made()
    {
        var id = await SentAsync("m1", attempts: 3);

        await ReportAsync(new DeliveryNews.Failed("m1", new SendResult.Transient("130429 Rate limit hit"), Now));

        var row = await RowAsync(id);
        Assert.Equal((OutboxStatus.Pending, 3, Now + TimeSpan.FromSeconds(8)), (row.Status, row.Attempts, row.NextAttemptUtc));
    }

    [Fact]
    public async Task A_passing_failure_honours_the_wait_the_channel_names()
    {
        var id = await SentAsync("m1");

        await ReportAsync(new DeliveryNews.Failed("m1", new SendResult.Transient("130429 Rate limit hit", TimeSpan.FromMinutes(1)), Now));

        Assert.Equal(Now.AddMinutes(1), (await RowAsync(id)).NextAttemptUtc);
    }

    [Fact]
    public async Task Any_other_failure_fails_the_message_where_facilitators_see_it()
    {
        var id = await SentAsync("m1");

        var outcome = await ReportAsync(new DeliveryNews.Failed("m1", new SendResult.Permanent("131026 Message undeliverable"), Now));

        Assert.Equal(new DeliveryOutcome.Undelivered(id, "131026 Message undeliverable"), outcome);
        Assert.Equal((OutboxStatus.Failed, "131026 Message undeliverable"), ((await RowAsync(id)).Status, (await RowAsync(id)).LastError));
    }

    [Fact]
    public async Task A_failure_after_delivery_or_repeated_after_the_core_acted_changes_nothing()
    {
        var delivered = await SentAsync("m1");
        var acted = await SentAsync("m2", Reminder);
        await ReportAsync(new DeliveryNews.Reached("m1", DeliveryStage.Delivered, Now));
        await ReportAsync(new DeliveryNews.Failed("m2", new SendResult.Waiting("131047 Re-engagement message"), Now));

        var late = await ReportAsync(new DeliveryNews.Failed("m1", new SendResult.Permanent("131000 Something went wrong"), Now));
        var repeated = await ReportAsync(new DeliveryNews.Failed("m2", new SendResult.Waiting("131047 Re-engagement message"), Now));

        Assert.Equal([new DeliveryOutcome.Taken(), new DeliveryOutcome.Taken()], new[] { late, repeated });
        Assert.Equal((OutboxStatus.Sent, "delivered"), ((await RowAsync(delivered)).Status, (await RowAsync(delivered)).ChannelStatus));
        Assert.Equal((OutboxStatus.Pending, true), ((await RowAsync(acted)).Status, (await RowAsync(acted)).UseTemplate));
    }

    [Fact]
    public async Task Progress_is_recorded_forward_only()
    {
        var id = await SentAsync("m1");

        await ReportAsync(new DeliveryNews.Reached("m1", DeliveryStage.Read, Now.AddSeconds(20)));
        await ReportAsync(new DeliveryNews.Reached("m1", DeliveryStage.Delivered, Now.AddSeconds(10)));

        var row = await RowAsync(id);
        Assert.Equal(("read", (DateTime?)Now.AddSeconds(20)), (row.ChannelStatus, row.ChannelStatusUtc));
    }

    [Fact]
    public async Task A_failure_for_a_message_not_recorded_yet_is_asked_for_again_while_our_send_may_still_be_recorded()
    {
        await SentAsync("m1");

        var fresh = await ReportAsync(new DeliveryNews.Failed("m9", new SendResult.Permanent("failed"), Now.AddMinutes(-9)));
        var old = await ReportAsync(new DeliveryNews.Failed("m9", new SendResult.Permanent("failed"), Now.AddMinutes(-11)));
        var progress = await ReportAsync(new DeliveryNews.Reached("m9", DeliveryStage.Delivered, Now));
        var otherChannel = await ReportAsync(new DeliveryNews.Reached("m1", DeliveryStage.Delivered, Now), channel: "whatsapp");

        Assert.Equal(new DeliveryOutcome.NotYetKnown(), fresh);
        Assert.Equal([new DeliveryOutcome.Taken(), new DeliveryOutcome.Taken(), new DeliveryOutcome.Taken()], new[] { old, progress, otherChannel });
    }

    /// <summary>A channel with the meeting reminder approved as a template, and nothing else.</summary>
    private sealed class TemplateSender : IChannelSender, ITemplateSender
    {
        public string Channel => DeliveryReportsTests.Channel;

        public Task<SendResult> SendAsync(SendContext to, OutgoingMessage message, CancellationToken ct) => throw new InvalidOperationException("news never sends");

        public bool HasTemplateFor(OutgoingMessage message) => message.Template?.Name == Templates.MeetingReminder;
    }
}
