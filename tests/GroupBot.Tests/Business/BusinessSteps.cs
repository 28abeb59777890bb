using GroupBot.Tests.Support;

namespace GroupBot.Tests.Business;

/// <summary>The business set-ups the tests share, done by chatting as people do.</summary>
public static class BusinessSteps
{
    /// <summary>Kakao Sakato, a business group in Mungo (Fridays 14.00): Siti a member, Rina its leader; its book by month unless <paramref name="period"/> says otherwise ("" keeps the default, by meeting).</summary>
    public static async Task<BotHost> KakaoAsync(string period = "bulanan")
    {
        var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot, group: "Kakao Sakato", kind: "usaha");
        await Scenario.JoinAsync(bot, "siti", codes.Member, "Siti");
        await Scenario.JoinAsync(bot, "rina", codes.Leader, "Rina");
        if (period.Length > 0)
        {
            await bot.SayAsync("rina", $"usaha atur {period}");
        }

        return bot;
    }

    /// <summary>Rina fills one month: sales, the four costs, units, and (when given) capital, piutang and utang; returns the summary.</summary>
    public static async Task<Reply> MonthAsync(BotHost bot, string month, string sales, string[] costs, string units, string[]? extras)
    {
        await bot.SayAsync("rina", "lapor usaha");
        await bot.SayAsync("rina", month);
        await bot.SayAsync("rina", sales);
        foreach (var cost in costs)
        {
            await bot.SayAsync("rina", cost);
        }

        await bot.SayAsync("rina", units);
        if (extras is null)
        {
            return (await bot.ChooseAsync("rina", "extras:no"))[^1];
        }

        var replies = await bot.ChooseAsync("rina", "extras:yes");
        foreach (var extra in extras)
        {
            replies = await bot.SayAsync("rina", extra);
        }

        return replies[^1];
    }
}
