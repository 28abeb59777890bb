using GroupBot.Chat;
using GroupBot.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Chat;

/// <summary>The outbox's set-based statements, on real SQLite: each does to many rows what its per-row transition does to one.</summary>
public sealed class OutboxSetTransitionsTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 12, 4, 8, 0, 0, DateTimeKind.Utc);
    private const string Siti = "6281234567890";
    private const string Ani = "6281299999999";

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private DbContextOptions<GroupBotDb> _options = null!;

    public async ValueTask InitializeAsync()
    {
        await _connection.OpenAsync();
        _options = new DbContextOptionsBuilder<GroupBotDb>().UseSqlite(_connection).Options;
        await using var db = new GroupBotDb(_options);
        await db.Database.MigrateAsync();
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    /// <summary>Siti's held reminder (once tried as a template), her pending reply, her sent message, and Ani's held reminder.</summary>
    private static List<OutboxMessage> Rows()
    {
        var heldAfterTemplate = Outbox.Row("whatsapp", Siti, OutgoingMessage.Plain("Pengingat 1"), OutboxPriority.Bulk, Now);
        heldAfterTemplate.MarkSent("wamid.1", Now);
        heldAfterTemplate.ResendAsTemplateOrHoldUndelivered("131047 Re-engagement message", Now, Now, templateAvailable: true);
        heldAfterTemplate.MarkSent("wamid.2", Now);
        heldAfterTemplate.ResendAsTemplateOrHoldUndelivered("131047 Re-engagement message", Now, Now, templateAvailable: true);
        var held = Outbox.Row("whatsapp", Siti, OutgoingMessage.Plain("Pengingat 2"), OutboxPriority.Bulk, Now);
        held.Hold("24-hour window closed: waiting for the person to write");
        var pending = Outbox.Row("whatsapp", Siti, OutgoingMessage.Plain("Balasan"), OutboxPriority.Reply, Now);
        var sent = Outbox.Row("whatsapp", Siti, OutgoingMessage.Plain("Terkirim"), OutboxPriority.Reply, Now);
        sent.MarkSent("wamid.3", Now);
        var others = Outbox.Row("whatsapp", Ani, OutgoingMessage.Plain("Pengingat Ani"), OutboxPriority.Bulk, Now);
        others.Hold("24-hour window closed: waiting for the person to write");
        return [heldAfterTemplate, held, pending, sent, others];
    }

    private async Task SeedAsync()
    {
        await using var db = new GroupBotDb(_options);
        db.Outbox.AddRange(Rows());
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private async Task<List<OutboxMessage>> StoredAsync()
    {
        await using var db = new GroupBotDb(_options);
        return await db.Outbox.OrderBy(o => o.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    private static (string, string, OutboxStatus, DateTime, bool, string?) Seen(OutboxMessage o) =>
        (o.ChatId, Outbox.Read(o).Text, o.Status, o.NextAttemptUtc, o.UseTemplate, o.LastError);

    [Fact]
    public async Task Releasing_a_chats_held_messages_at_once_does_what_releasing_each_does()
    {
        await SeedAsync();
        await using (var db = new GroupBotDb(_options))
        {
            Assert.Equal(2, await OutboxMessage.ReleaseWaitingAsync(db, "whatsapp", Siti, Now.AddDays(2), TestContext.Current.CancellationToken));
        }

        var expected = Rows();
        foreach (var row in expected.Where(r => r.ChatId == Siti && r.Status == OutboxStatus.Waiting))
        {
            row.Release(Now.AddDays(2));
        }

        var stored = await StoredAsync();
        Assert.Equal(expected.Select(Seen), stored.Select(Seen));
        Assert.Equal(OutboxStatus.Waiting, stored.Single(o => o.ChatId == Ani).Status);
    }

    [Fact]
    public async Task Forgetting_a_chat_deletes_what_is_queued_and_blanks_the_words_of_the_rest()
    {
        await SeedAsync();
        await using (var db = new GroupBotDb(_options))
        {
            await OutboxMessage.ForgetChatAsync(db, "whatsapp", Siti, TestContext.Current.CancellationToken);
        }

        var stored = await StoredAsync();
        Assert.Equal(
            [(Siti, "", OutboxStatus.Waiting), (Siti, "", OutboxStatus.Waiting), (Siti, "", OutboxStatus.Sent), (Ani, "Pengingat Ani", OutboxStatus.Waiting)],
            stored.Select(o => (o.ChatId, Outbox.Read(o).Text, o.Status)));
    }
}
