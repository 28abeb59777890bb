using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.People;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Chat;

/// <summary>
/// One broadcast to Melati (Siti, Ani and Rina on the simulator; Wati, added by Rina, has no phone;
/// Mary reads English), sent straight through <see cref="Broadcast"/>.
/// </summary>
public sealed class BroadcastTests
{
    private static async Task<BotHost> MelatiAsync()
    {
        var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);
        await Scenario.JoinAsync(bot, "siti", codes.Member, "Siti");
        await Scenario.JoinAsync(bot, "mary", codes.Member, "Mary", language: "lang:en");
        await Scenario.JoinAsync(bot, "rina", codes.Leader, "Rina");
        await bot.SayAsync("rina", "anggota tambah Wati");
        return bot;
    }

    private static async Task<T> InScopeAsync<T>(BotHost bot, Func<GroupBotDb, Broadcast, Task<T>> run)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<GroupBotDb>(), scope.ServiceProvider.GetRequiredService<Broadcast>());
    }

    private static Task<List<Recipient.Person>> MembersAsync(GroupBotDb db) =>
        db.Memberships.OrderBy(m => m.Id).Select(m => new Recipient.Person(m.PersonId, m.Person!.Language)).ToListAsync();

    private static Task<List<OutboxMessage>> RowsAsync(BotHost bot, string prefix) =>
        bot.DbAsync(db => db.Outbox.AsNoTracking().Where(o => o.DeliveryKey != null && o.DeliveryKey.StartsWith(prefix)).OrderBy(o => o.Id).ToListAsync());

    [Fact]
    public async Task Everyone_with_a_chat_gets_the_message_once_in_her_language_under_her_key()
    {
        await using var bot = await MelatiAsync();
        var ids = await bot.DbAsync(db => db.People.ToDictionaryAsync(p => p.Name, p => p.Id));

        async Task<int> SendAsync() => await InScopeAsync(bot, async (db, broadcast) =>
            await broadcast.SendAsync(db, await MembersAsync(db), p => $"test:{p.PersonId}",
                p => OutgoingMessage.Plain(p.Language == "en" ? "Hello" : "Halo"), TestContext.Current.CancellationToken));

        var first = await SendAsync();
        var again = await SendAsync();

        Assert.Equal((3, 0), (first, again));
        var rows = await RowsAsync(bot, "test:");
        Assert.Equal(
            [($"test:{ids["Siti"]}", "siti", "Halo"), ($"test:{ids["Mary"]}", "mary", "Hello"), ($"test:{ids["Rina"]}", "rina", "Halo")],
            rows.Select(r => (r.DeliveryKey, r.ChatId, Outbox.Read(r).Text)));
        Assert.All(rows, r => Assert.Equal((ChannelNames.Simulator, OutboxPriority.Bulk), (r.Channel, r.Priority)));
    }

    [Fact]
    public async Task A_chat_is_sent_to_as_it_is_and_several_parts_are_keyed_in_order()
    {
        await using var bot = await MelatiAsync();

        var added = await InScopeAsync(bot, (db, broadcast) => broadcast.SendPartsAsync(db, [new Recipient.Chat(ChannelNames.Simulator, "siti", "en")],
            _ => "weekly:test", (c, _) => Task.FromResult<IReadOnlyList<OutgoingMessage>>([OutgoingMessage.Plain($"one ({c.Language})"), OutgoingMessage.Plain("two")]),
            TestContext.Current.CancellationToken));

        Assert.Equal(2, added);
        Assert.Equal([("weekly:test:1", "siti", "one (en)"), ("weekly:test:2", "siti", "two")],
            (await RowsAsync(bot, "weekly:test")).Select(r => (r.DeliveryKey, r.ChatId, Outbox.Read(r).Text)));
    }
}
