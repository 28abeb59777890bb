using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.People;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Chat;

public sealed class InboxTests
{
    [Fact]
    public async Task A_redelivered_message_is_handled_once_and_answered_the_same()
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);
        await Scenario.JoinAsync(bot, "siti", codes.Member, "Siti");
        bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.FromHours(7)));

        var first = await bot.SayAsync("siti", "hadir", id: "wamid.1");
        var again = await bot.SayAsync("siti", "hadir", id: "wamid.1");

        Assert.Equal(first.Select(r => r.Text), again.Select(r => r.Text));
        Assert.Equal(1, await bot.DbAsync(db => db.Attendance.CountAsync()));
        Assert.Equal(1, await bot.DbAsync(db => db.Inbox.CountAsync(e => e.ExternalId == "wamid.1")));
        Assert.Equal(1, await bot.DbAsync(db => db.Outbox.CountAsync(o => o.PayloadJson.Contains("Tercatat"))));
    }

    [Fact]
    public async Task Updates_of_one_chat_are_handled_in_order_while_chats_run_concurrently()
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);
        var processor = bot.Services.GetRequiredService<ChatProcessor>();
        const int Chats = 30;

        // Each chat's four messages only make sense in this order: start, language, code, name.
        await Parallel.ForEachAsync(Enumerable.Range(1, Chats), TestContext.Current.CancellationToken, async (i, ct) =>
        {
            string?[][] steps = [["mulai", null], [null, "lang:id"], [codes.Member, null], [$"Ibu Nomor {Words(i)}", null]];
            var n = 0;
            foreach (var step in steps)
            {
                await processor.AcceptAsync(new IncomingMessage
                {
                    Channel = "simulator",
                    ChatId = $"u{i}",
                    SenderId = $"u{i}",
                    ExternalId = $"u{i}-{n++}",
                    Text = step[0],
                    ChoiceId = step[1],
                }, queue: true, ct);
            }
        });

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await bot.DbAsync(db => db.Inbox.CountAsync(e => e.ProcessedUtc == null)) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var names = await bot.DbAsync(db => db.ChatIdentities.Where(i => i.Address.StartsWith('u'))
            .Select(i => new { i.Address, i.Person!.Name }).ToListAsync());
        Assert.Equal(Chats, names.Count);
        Assert.All(names, n => Assert.Equal($"Ibu Nomor {Words(int.Parse(n.Address[1..], System.Globalization.CultureInfo.InvariantCulture))}", n.Name));
        Assert.Equal(0, await bot.DbAsync(db => db.Inbox.CountAsync(e => e.Error != null)));
    }

    [Fact]
    public async Task Messages_waiting_for_a_person_go_out_when_she_writes()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.DbAsync(async db =>
        {
            var row = Outbox.Row("simulator", "siti", OutgoingMessage.Plain("Pengingat: pertemuan besok"), OutboxPriority.Bulk, DateTime.UtcNow);
            row.Hold("24-hour window closed: waiting for the person to write");
            db.Outbox.Add(row);
            return await db.SaveChangesAsync();
        });

        await bot.SayAsync("siti", "bantuan");

        var status = await bot.DbAsync(db => db.Outbox.Where(o => o.PayloadJson.Contains("Pengingat")).Select(o => o.Status).SingleAsync());
        Assert.NotEqual(OutboxStatus.Waiting, status);
    }

    /// <summary>Names must be letters: 12 → "Satu Dua".</summary>
    private static string Words(int n) =>
        string.Join(' ', n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => new[]
            { "Nol", "Satu", "Dua", "Tiga", "Empat", "Lima", "Enam", "Tujuh", "Delapan", "Sembilan" }[c - '0']));
}
