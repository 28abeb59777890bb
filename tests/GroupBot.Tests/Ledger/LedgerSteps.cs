using System.Text.Json;
using GroupBot.Chat;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Ledger;

/// <summary>The member-ledger set-ups the tests share, done by chatting as people do.</summary>
public static class LedgerSteps
{
    /// <summary>The ten women of Melati (savings, Fridays 14.00, Mungo), in the order the ledger lists them (by name).</summary>
    public static readonly string[] Members = ["Ani", "Dewi", "Eka", "Fitri", "Gita", "Hana", "Rina", "Sari", "Siti", "Tuti"];

    public static string User(string name) => name.ToLowerInvariant();

    /// <summary>
    /// Melati with ten members: Rina its leader, Tuti its treasurer, Sari its secretary; its ledger
    /// started by Rina at today's meeting (Friday 4 December 2026) on the usual rules: shares of
    /// Rp 10.000 (at most 5), social fund Rp 2.000, fines Rp 1.000 late and Rp 2.000 absent, 2 % a
    /// month, loans up to 3× savings from meeting <paramref name="firstLoan"/>, a cycle of <paramref name="months"/> months.
    /// </summary>
    public static async Task<BotHost> MelatiAsync(int months = 3, int firstLoan = 4)
    {
        var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);
        foreach (var name in Members)
        {
            var role = name switch { "Rina" => "role:Leader", "Tuti" => "role:Treasurer", "Sari" => "role:Secretary", _ => null };
            await Scenario.JoinAsync(bot, User(name), role is null ? codes.Member : codes.Leader, name, role: role ?? "role:Leader");
        }

        var none = await bot.SayAsync("rina", "aturan");
        await bot.ChooseAsync("rina", none[0].Choice("Mulai buku anggota"));
        foreach (var answer in new[] { "rp:10000", "n:5", "rp:2000", "rp:1000", "rp:2000", "bp:200", "n:3", $"n:{firstLoan}", "start:next", $"n:{months}" })
        {
            await bot.ChooseAsync("rina", answer);
        }

        await bot.ChooseAsync("rina", "confirm:save");
        return bot;
    }

    /// <summary>Tuti enters the first meeting one by one: <paramref name="shares"/> in <see cref="Members"/> order, everyone paying the social fund, the cash as expected (none before: what came in).</summary>
    public static async Task FirstMeetingAsync(BotHost bot, int[] shares)
    {
        await bot.SayAsync("tuti", "lapor");
        await bot.SayAsync("tuti", "hari ini");
        await bot.ChooseAsync("tuti", "entry:each");
        foreach (var n in shares)
        {
            await bot.ChooseAsync("tuti", $"shares:{n}");
            await bot.ChooseAsync("tuti", "extra:social");
        }

        await bot.ChooseAsync("tuti", "entry:done");
        await bot.SayAsync("tuti", GroupBot.Chat.Parsing.Rupiah.Format((shares.Sum() * 10_000L) + (shares.Length * 2_000L)));
        await bot.ChooseAsync("tuti", "confirm:save");
    }

    /// <summary>Sets the clock to 16.00 WIB on <paramref name="date"/>, after the meeting.</summary>
    public static void At(BotHost bot, DateOnly date, int hour = 16) =>
        bot.Time.SetUtcNow(new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(7)));

    /// <summary>
    /// Tuti enters today's meeting: everyone as last week, then <paramref name="exceptions"/> (a
    /// member's name and the answers for her), then the cash the records expect. Returns the saved reply.
    /// </summary>
    public static async Task<Reply> SameAsLastWeekAsync(BotHost bot, params (string Name, string[] Answers)[] exceptions)
    {
        await bot.SayAsync("tuti", "lapor");
        await bot.SayAsync("tuti", "hari ini");
        await bot.ChooseAsync("tuti", "entry:same");
        foreach (var (name, answers) in exceptions)
        {
            await ChangeAsync(bot, name, answers);
        }

        await bot.ChooseAsync("tuti", "entry:done");
        await bot.ChooseAsync("tuti", "cash:expected");
        return (await bot.ChooseAsync("tuti", "confirm:save"))[^1];
    }

    /// <summary>From the exceptions list: picks her by name and gives her answers (buttons start with their id, e.g. "shares:2").</summary>
    public static async Task ChangeAsync(BotHost bot, string name, string[] answers)
    {
        await bot.ChooseAsync("tuti", $"member:{Array.IndexOf(Members, name)}");
        foreach (var answer in answers)
        {
            await (answer.Contains(':', StringComparison.Ordinal) ? bot.ChooseAsync("tuti", answer) : bot.SayAsync("tuti", answer));
        }
    }

    /// <summary>What the bot queued under delivery keys starting with <paramref name="prefix"/>: (key, text), oldest first.</summary>
    public static Task<List<(string Key, string Text)>> QueuedAsync(BotHost bot, string prefix) => bot.DbAsync(async db =>
        (await db.Outbox.Where(o => o.DeliveryKey != null && o.DeliveryKey.StartsWith(prefix)).OrderBy(o => o.Id).Select(o => new { o.DeliveryKey, o.PayloadJson }).ToListAsync())
            .Select(o => (o.DeliveryKey!, Text(o.PayloadJson))).ToList());

    private static string Text(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.EnumerateObject().First(p => string.Equals(p.Name, "text", StringComparison.OrdinalIgnoreCase)).Value.GetString() ?? string.Empty;
    }
}
