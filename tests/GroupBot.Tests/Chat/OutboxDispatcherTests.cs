using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.People;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GroupBot.Tests.Chat;

/// <summary>The dispatcher alone, on a real SQLite file, with a scripted channel.</summary>
public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("groupbot-outbox-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero));
    private readonly ScriptedSender _sender = new();
    private ServiceProvider _services = null!;
    private OutboxDispatcher _dispatcher = null!;

    public async ValueTask InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddDbContext<GroupBotDb>(o => o.UseSqlite(DataExtensions.ConnectionString(_folder, "t.db")));
        services.AddMetrics().AddSingleton<BotMetrics>();
        _services = services.BuildServiceProvider();
        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<GroupBotDb>().Database.MigrateAsync();
        }

        var scopes = _services.GetRequiredService<IServiceScopeFactory>();
        _dispatcher = new OutboxDispatcher(scopes, [_sender], new Outbox(), new Leases(scopes, new DatabaseSettings(DatabaseProvider.Sqlite, null), new InstanceIdentity()),
            Microsoft.Extensions.Options.Options.Create(new OutboxOptions()), _services.GetRequiredService<BotMetrics>(), _time,
            NullLogger<OutboxDispatcher>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        TempFolder.Delete(_folder);
    }

    private async Task EnqueueAsync(params (string Chat, string Text, OutboxPriority Priority)[] rows)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        foreach (var (chat, text, priority) in rows)
        {
            Outbox.Enqueue(db, "scripted", chat, OutgoingMessage.Plain(text), priority, _time.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync();
    }

    private async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GroupBotDb>().Outbox.OrderBy(o => o.Id).ToListAsync();
    }

    private Task<int> DispatchAsync() => _dispatcher.DispatchOnceAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task Transient_failures_back_off_and_then_the_message_is_sent()
    {
        _sender.Script("a", new SendResult.Transient("502"), new SendResult.Transient("502"));
        await EnqueueAsync(("a", "halo", OutboxPriority.Reply));

        await DispatchAsync();
        var afterFirst = Assert.Single(await RowsAsync());
        Assert.Equal(_time.GetUtcNow().UtcDateTime.AddSeconds(2), afterFirst.NextAttemptUtc);
        Assert.Equal(0, await DispatchAsync()); // not due yet

        _time.Advance(TimeSpan.FromSeconds(2));
        await DispatchAsync();
        _time.Advance(TimeSpan.FromSeconds(4));
        await DispatchAsync();

        var row = Assert.Single(await RowsAsync());
        Assert.Equal((OutboxStatus.Sent, 3), (row.Status, row.Attempts));
        Assert.Equal(["a:halo", "a:halo", "a:halo"], _sender.Calls);
    }

    [Fact]
    public async Task A_channels_retry_after_is_honoured()
    {
        _sender.Script("a", new SendResult.Transient("429", TimeSpan.FromSeconds(7)));
        await EnqueueAsync(("a", "halo", OutboxPriority.Reply));

        await DispatchAsync();
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(0, await DispatchAsync());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await DispatchAsync());

        Assert.Equal(OutboxStatus.Sent, Assert.Single(await RowsAsync()).Status);
    }

    [Fact]
    public async Task A_permanent_failure_marks_the_message_failed_and_the_identity_unreachable()
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
            db.ChatIdentities.Add(new ChatIdentity { Channel = "scripted", Address = "a", Person = new Person { Name = "Siti" } });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        _sender.Script("a", new SendResult.Permanent("Forbidden: bot was blocked by the user", Unreachable: true));
        await EnqueueAsync(("a", "halo", OutboxPriority.Bulk));

        await DispatchAsync();

        var row = Assert.Single(await RowsAsync());
        Assert.Equal((OutboxStatus.Failed, "Forbidden: bot was blocked by the user"), (row.Status, row.LastError));
        await using var check = _services.CreateAsyncScope();
        Assert.NotNull((await check.ServiceProvider.GetRequiredService<GroupBotDb>().ChatIdentities.SingleAsync(TestContext.Current.CancellationToken)).UnreachableUtc);
    }

    [Fact]
    public async Task Messages_to_one_chat_keep_their_order_when_the_first_must_wait()
    {
        _sender.Script("a", new SendResult.Transient("timeout"));
        await EnqueueAsync(("a", "satu", OutboxPriority.Reply), ("a", "dua", OutboxPriority.Reply), ("b", "lain", OutboxPriority.Reply));

        await DispatchAsync();
        Assert.Equal(["a:satu", "b:lain"], _sender.Calls);

        _time.Advance(TimeSpan.FromSeconds(2));
        await DispatchAsync();
        await DispatchAsync();
        Assert.Equal(["a:satu", "b:lain", "a:satu", "a:dua"], _sender.Calls);
    }

    [Fact]
    public async Task Replies_go_before_bulk_messages()
    {
        await EnqueueAsync(("a", "pengingat 1", OutboxPriority.Bulk), ("b", "pengingat 2", OutboxPriority.Bulk), ("c", "balasan", OutboxPriority.Reply));

        await DispatchAsync();

        Assert.Equal(["c:balasan", "a:pengingat 1", "b:pengingat 2"], _sender.Calls);
    }

    [Fact]
    public async Task Transient_failures_keep_retrying_with_capped_back_off_long_after_eight_attempts()
    {
        // Two hours of 502s: far more than the eight attempts that once marked a message failed.
        _sender.Script("a", [.. Enumerable.Repeat<SendResult>(new SendResult.Transient("502"), 70)]);
        await EnqueueAsync(("a", "halo", OutboxPriority.Reply));

        for (var i = 0; i < 70; i++)
        {
            await DispatchAsync();
            var row = Assert.Single(await RowsAsync());
            Assert.Equal(OutboxStatus.Pending, row.Status);
            Assert.True(row.NextAttemptUtc - _time.GetUtcNow().UtcDateTime <= OutboxDispatcher.MaxBackoff);
            _time.Advance(OutboxDispatcher.MaxBackoff);
        }

        await DispatchAsync();
        var sent = Assert.Single(await RowsAsync());
        Assert.Equal((OutboxStatus.Sent, 71), (sent.Status, sent.Attempts));
    }

    [Fact]
    public async Task A_message_still_refused_a_day_after_it_was_queued_is_marked_failed()
    {
        _sender.Script("a", [.. Enumerable.Repeat<SendResult>(new SendResult.Transient("502"), 1_000)]);
        await EnqueueAsync(("a", "halo", OutboxPriority.Reply));

        for (var i = 0; i < OutboxDispatcher.MinAttempts; i++)
        {
            await DispatchAsync();
            _time.Advance(TimeSpan.FromMinutes(3));
        }

        _time.Advance(OutboxDispatcher.MaxAge - TimeSpan.FromMinutes(3 * OutboxDispatcher.MinAttempts) - TimeSpan.FromMinutes(1));
        await DispatchAsync();
        Assert.Equal(OutboxStatus.Pending, Assert.Single(await RowsAsync()).Status);

        _time.Advance(TimeSpan.FromMinutes(2));
        await DispatchAsync();

        var row = Assert.Single(await RowsAsync());
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.StartsWith($"gave up after {OutboxDispatcher.MinAttempts + 2} attempts over 24 hours: 502", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_held_for_days_and_released_is_not_dropped_on_its_first_hiccup()
    {
        // A WhatsApp reminder held two days for the 24-hour window, released when she wrote.
        _sender.Script("a", new SendResult.Transient("timeout"));
        await EnqueueAsync(("a", "pengingat", OutboxPriority.Bulk));
        _time.Advance(TimeSpan.FromDays(2));

        await DispatchAsync();
        Assert.Equal(OutboxStatus.Pending, Assert.Single(await RowsAsync()).Status);
        _time.Advance(TimeSpan.FromMinutes(1));
        await DispatchAsync();

        Assert.Equal(OutboxStatus.Sent, Assert.Single(await RowsAsync()).Status);
        Assert.Equal(["a:pengingat", "a:pengingat"], _sender.Calls);
    }

    [Fact]
    public async Task Within_one_chat_a_reply_goes_before_waiting_reminders()
    {
        await EnqueueAsync(("a", "pengingat 1", OutboxPriority.Bulk), ("a", "pengingat 2", OutboxPriority.Bulk), ("a", "balasan", OutboxPriority.Reply));

        await DispatchAsync();
        await DispatchAsync();

        Assert.Equal(["a:balasan", "a:pengingat 1"], _sender.Calls);
    }

    [Fact]
    public async Task A_long_text_is_stored_as_parts_so_a_retry_never_repeats_a_sent_part()
    {
        var text = string.Join('\n', Enumerable.Range(1, 600).Select(i => $"Baris {i}: hadir 20 dari 25"));
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
            Outbox.Enqueue(db, "scripted", "a", new OutgoingMessage { Text = text, Choices = [new Choice("x", "X")] }, OutboxPriority.Reply, _time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        _sender.Script("a", new SendResult.Sent("1"), new SendResult.Transient("502"));
        var rows = await RowsAsync();
        await DispatchAsync();
        await DispatchAsync();
        _time.Advance(TimeSpan.FromSeconds(2));
        for (var i = 0; i < rows.Count; i++)
        {
            await DispatchAsync();
        }

        Assert.True(rows.Count > 1);
        Assert.All(rows, r => Assert.True(Outbox.Read(r).Text.Length <= Outbox.MaxTextPerRow));
        Assert.Equal(rows.Count + 1, _sender.Calls.Count); // one retry of the failed part only
        Assert.Equal(text.Split('\n'), (await RowsAsync()).SelectMany(r => Outbox.Read(r).Text.Split('\n')));
        var stored = await RowsAsync();
        Assert.NotEmpty(Outbox.Read(stored[^1]).Choices);
        Assert.All(stored.SkipLast(1), r => Assert.Empty(Outbox.Read(r).Choices));
    }

    [Fact]
    public async Task A_chat_with_a_long_backlog_does_not_hold_up_replies_to_others()
    {
        _sender.Script("busy", new SendResult.Throttled(TimeSpan.FromMinutes(1)));
        await EnqueueAsync([.. Enumerable.Range(0, 1_500).Select(i => ("busy", $"pengingat {i}", OutboxPriority.Bulk))]);
        await EnqueueAsync(("siti", "balasan", OutboxPriority.Reply));

        await DispatchAsync();

        Assert.Equal(["siti:balasan", "busy:pengingat 0"], _sender.Calls);
        var first = (await RowsAsync())[0];
        Assert.Equal((0, OutboxStatus.Pending), (first.Attempts, first.Status)); // throttling is not a failed attempt
    }

    [Fact]
    public async Task Messages_waiting_for_the_person_are_not_sent_by_the_dispatcher()
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
            var row = Outbox.Row("scripted", "a", OutgoingMessage.Plain("pengingat"), OutboxPriority.Bulk, _time.GetUtcNow().UtcDateTime);
            row.Hold("24-hour window closed: waiting for the person to write");
            db.Outbox.Add(row);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, await DispatchAsync());
        Assert.Equal(OutboxStatus.Waiting, (await RowsAsync())[0].Status);
    }

    [Fact]
    public async Task A_reminder_is_marked_sending_before_the_channel_is_called_and_one_a_crash_left_so_is_not_repeated()
    {
        OutboxStatus? during = null;
        _sender.During = async () => during = (await RowsAsync())[0].Status;
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
            Outbox.Enqueue(db, "scripted", "a", OutgoingMessage.Plain("pengingat 1"), OutboxPriority.Bulk, _time.GetUtcNow().UtcDateTime, deliveryKey: "meeting:1:20261204:day:1400:p1");
            var interrupted = Outbox.Row("scripted", "b", OutgoingMessage.Plain("pengingat 2"), OutboxPriority.Bulk, _time.GetUtcNow().UtcDateTime, deliveryKey: "meeting:1:20261204:day:1400:p2");
            interrupted.MarkSending(); // the last process died while handing it over
            db.Outbox.Add(interrupted);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await _dispatcher.ResolveInterruptedAsync(TestContext.Current.CancellationToken);
        await DispatchAsync();
        await DispatchAsync();

        Assert.Equal(OutboxStatus.Sending, during);
        Assert.Equal(["a:pengingat 1"], _sender.Calls);
        var rows = await RowsAsync();
        Assert.Equal(OutboxStatus.Sent, rows[0].Status);
        Assert.Equal((OutboxStatus.Failed, OutboxDispatcher.InterruptedError), (rows[1].Status, rows[1].LastError));
    }

    private sealed class ScriptedSender : IChannelSender
    {
        private readonly Dictionary<string, Queue<SendResult>> _scripts = [];

        public List<string> Calls { get; } = [];
        public string Channel => "scripted";

        /// <summary>Runs inside each send, while the channel "has" the message.</summary>
        public Func<Task>? During { get; set; }

        public void Script(string chat, params SendResult[] results) => _scripts[chat] = new Queue<SendResult>(results);

        public async Task<SendResult> SendAsync(SendContext to, OutgoingMessage message, CancellationToken ct)
        {
            var chatId = to.ChatId;
            Calls.Add($"{chatId}:{message.Text}");
            if (During is not null)
            {
                await During();
            }

            return _scripts.TryGetValue(chatId, out var q) && q.Count > 0 ? q.Dequeue() : new SendResult.Sent($"m{Calls.Count}");
        }
    }
}
