using System.Text.RegularExpressions;
using GroupBot.Tests.Support;

namespace GroupBot.Tests.Planning;

/// <summary>The planning set-ups the tests share, done by chatting as people do.</summary>
public static partial class PlanningSteps
{
    /// <summary>The admin makes <paramref name="user"/> facilitator of <paramref name="village"/> with a facilitator code.</summary>
    public static async Task FacilitatorAsync(BotHost bot, string user = "fitri", string name = "Fitri", string village = "Mungo")
    {
        var code = FacilitatorCode().Match(await bot.TextAsync("admin", $"pendamping tambah {village}")).Groups[1].Value;
        await Scenario.JoinAsync(bot, user, code, name);
    }

    /// <summary>A leader records a proposal in Jorong Koto for "30 ibu dan 50 anak", at <paramref name="priority"/> (the last place when null).</summary>
    public static async Task ProposeAsync(BotHost bot, string leader, string title, string field, string cost, string? priority = null)
    {
        await bot.SayAsync(leader, "usulan tambah");
        var fields = await bot.SayAsync(leader, title);
        await bot.ChooseAsync(leader, fields[^1].Choice(field));
        await bot.SayAsync(leader, "Jorong Koto");
        await bot.SayAsync(leader, cost);
        var priorities = await bot.SayAsync(leader, "30 ibu dan 50 anak");
        var confirm = await bot.ChooseAsync(leader, priority is null ? priorities[^1].Choices[^1].Id : priorities[^1].Choice(priority));
        await bot.ChooseAsync(leader, confirm[^1].Choice("Simpan"));
    }

    /// <summary>The facilitator adds an event at 09.00 in the Aula Kantor Wali Nagari.</summary>
    public static async Task AddEventAsync(BotHost bot, string kind, string date, string facilitator = "fitri")
    {
        var kinds = await bot.SayAsync(facilitator, "musrenbang tambah");
        await bot.ChooseAsync(facilitator, kinds[^1].Choice(kind));
        await bot.SayAsync(facilitator, date);
        await bot.SayAsync(facilitator, "09.00");
        var save = await bot.SayAsync(facilitator, "Aula Kantor Wali Nagari");
        await bot.ChooseAsync(facilitator, save[^1].Choice("Simpan"));
    }

    [GeneratedRegex(@": ([A-Z0-9]{6})\.")]
    private static partial Regex FacilitatorCode();
}
