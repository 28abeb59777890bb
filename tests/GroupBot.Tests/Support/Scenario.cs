using System.Text.RegularExpressions;

namespace GroupBot.Tests.Support;

/// <summary>Common set-ups, done the way people do them: by chatting with the bot.</summary>
public static partial class Scenario
{
    public sealed record GroupCodes(string Member, string Leader);

    /// <summary>The admin adds a village and creates a group meeting on <paramref name="day"/> at <paramref name="time"/>.</summary>
    public static async Task<GroupCodes> CreateGroupAsync(BotHost bot, string village = "Mungo", string group = "Melati",
        string day = "Jumat", string time = "14.00", string kind = "simpan pinjam")
    {
        await bot.SayAsync("admin", $"desa tambah {village}");
        var replies = await bot.SayAsync("admin", "kelompok baru");
        if (replies[^1].Choices.Any(c => c.Label == village))
        {
            await bot.ChooseAsync("admin", replies[^1].Choice(village));
        }

        await bot.SayAsync("admin", group);
        await bot.SayAsync("admin", kind);
        await bot.SayAsync("admin", day);
        await bot.SayAsync("admin", time);
        var created = await bot.TextAsync("admin", "lewati");
        return Codes(created);
    }

    /// <summary>The usual cast: Melati (savings, Fridays 14.00, in Mungo) with members Siti and Ani and leader Rina.</summary>
    public static async Task<BotHost> MelatiAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider? time = null, IDictionary<string, string?>? settings = null)
    {
        var bot = await BotHost.StartAsync(time: time, settings: settings);
        var codes = await CreateGroupAsync(bot);
        await JoinAsync(bot, "siti", codes.Member, "Siti");
        await JoinAsync(bot, "ani", codes.Member, "Ani");
        await JoinAsync(bot, "rina", codes.Leader, "Rina");
        return bot;
    }

    public static GroupCodes Codes(string text)
    {
        var member = MemberCode().Match(text);
        var leader = LeaderCode().Match(text);
        if (!member.Success || !leader.Success)
        {
            throw new InvalidOperationException($"No codes in: {text}");
        }

        return new GroupCodes(member.Groups[1].Value, leader.Groups[1].Value);
    }

    /// <summary>A new person joins with a code: mulai, language, code, name (and, with an officer code, a role).</summary>
    public static async Task<string> JoinAsync(BotHost bot, string user, string code, string name, string language = "lang:id", string role = "role:Leader")
    {
        await bot.SayAsync(user, "mulai");
        await bot.ChooseAsync(user, language);
        await bot.SayAsync(user, code);
        var reply = await bot.SayAsync(user, name);
        if (reply[^1].Choices.Any(c => c.Id.StartsWith("role:", StringComparison.Ordinal)))
        {
            reply = await bot.ChooseAsync(user, role);
        }

        return string.Join("\n", reply.Select(r => r.Text));
    }

    [GeneratedRegex(@"(?:Kode anggota|Member code): ([A-Z0-9]{6})")]
    private static partial Regex MemberCode();

    [GeneratedRegex(@"(?:Kode pengurus|Officer code): ([A-Z0-9]{6})")]
    private static partial Regex LeaderCode();
}
