using System.Text;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Business;

/// <summary>
/// Which groups' books a business command is about: a member her own groups, a facilitator her
/// villages' (naming a group, a village, or "#id"), an admin every group; only groups that keep a book.
/// Null after saying what to do.
/// </summary>
internal static class BookScope
{
    public static async Task<(List<Group> Groups, bool One)?> ResolveAsync(Turn turn, string args, string commandWords, CancellationToken ct)
    {
        var all = await GroupRefs.LeadableAsync(turn, ct, Enum.GetValues<MemberRole>());
        var settings = await Books.SettingsAsync(turn.Db, [.. all.Select(g => g.Id)], ct);
        var kept = all.Where(g => settings[g.Id].Keeps).ToList();
        var name = args.Trim();
        if (name.Length == 0)
        {
            if (kept.Count == 0)
            {
                turn.Say(turn.T("Business.NoneKept"));
                return null;
            }

            // Several groups and nothing named: a facilitator sees them all, a member picks.
            if (kept.Count > 1 && kept.Any(g => turn.Caller.Oversees(g.VillageId)))
            {
                return (kept, false);
            }
        }
        else if (!name.StartsWith('#'))
        {
            var village = GroupRefs.InOverseenVillage(turn, kept, name);
            if (village.Count > 0)
            {
                return (village, false);
            }
        }

        // Picking among the groups with a book; a named group may be one without (she is told how to start).
        var group = GroupRefs.Resolve(turn, args, name.Length == 0 ? kept : all, commandWords, out _);
        if (group is null)
        {
            return null;
        }

        if (!settings[group.Id].Keeps)
        {
            turn.Say(turn.T("Business.NotKept", group.Name), [new Choice($"usaha atur #{group.Id} ya", turn.T("Button.KeepBook"))]);
            return null;
        }

        return ([group], true);
    }
}

/// <summary>
/// "usaha" / "laba": this month and the three before it (sales, costs, profit, margin, trend),
/// capital since the cycle started, and what is owed; a list with one line per group for a
/// facilitator's villages.
/// </summary>
public sealed class BusinessCommand(Texts texts, LocalClock clock) : ICommand
{
    public const int MonthsShown = 4;

    public CommandInfo Info { get; } = new("business", ["usaha", "laba", "business", "profit"], Audience.Joined, "Menu.Business");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await BookScope.ResolveAsync(turn, args, "usaha", ct) is not var (groups, one))
        {
            return;
        }

        var today = clock.Today;
        var thisMonth = Books.MonthOf(today);
        var states = await Books.StatesAsync(turn.Db, [.. groups.Select(g => g.Id)], thisMonth.AddMonths(-MonthsShown), today, ct);
        if (one)
        {
            turn.Say(Detail(texts, turn.Language, groups[0], states.GetValueOrDefault(groups[0].Id), today));
            return;
        }

        var text = new StringBuilder(turn.T("Business.ListTitle", BusinessFlow.MonthLabel(turn.Language, thisMonth)));
        foreach (var village in groups.GroupBy(g => g.Village?.Name ?? string.Empty).OrderBy(v => v.Key))
        {
            text.Append("\n\n").Append(village.Key);
            foreach (var g in village.OrderBy(g => g.Name))
            {
                text.Append("\n• ").Append(g.Name).Append(": ").Append(Latest(texts, turn.Language, states.GetValueOrDefault(g.Id), thisMonth));
            }
        }

        foreach (var part in Words.SplitAtLines(text.ToString(), Words.MaxReportPart))
        {
            turn.Say(part);
        }
    }

    /// <summary>One group's book: a line per month, newest first, then capital and debts.</summary>
    public static string Detail(Texts texts, string language, Group group, BusinessState? state, DateOnly today)
    {
        var thisMonth = Books.MonthOf(today);
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var sb = new StringBuilder(T("Business.DetailTitle", GroupRefs.Label(group)));
        for (var i = 0; i < MonthsShown; i++)
        {
            var month = thisMonth.AddMonths(-i);
            sb.Append('\n').Append(BusinessFlow.MonthLabel(language, month)).Append(": ");
            sb.Append(state?.In(month) is { } m ? MonthLine(T, m, Previous(state, month)) : T("Business.NoReport"));
        }

        if (state is not null)
        {
            sb.Append('\n').Append(T("Business.Capital", Rupiah.Format(state.CapitalSinceCycle)));
            sb.Append('\n').Append(T("Business.OwedNow", Rupiah.Format(state.Receivable), Rupiah.Format(state.Payable), Format.Date(language, state.LastPeriodEnd!.Value > today ? today : state.LastPeriodEnd.Value)));
        }
        else
        {
            sb.Append('\n').Append(T("Business.HowToReport"));
        }

        return sb.ToString();
    }

    /// <summary>"omzet Rp 1.500.000, biaya Rp 1.100.000, laba Rp 400.000 (27%) ▲".</summary>
    public static string MonthLine(Func<string, object?[], string> t, MonthFigures m, MonthFigures? previous) =>
        t("Business.MonthLine", [Rupiah.Format(m.Sales), Rupiah.Format(m.Costs), BusinessFlow.ProfitLine(t, m.Sales, m.Profit)]) + Trend(m, previous);

    /// <summary>The group's latest month (this one, or the last with a report) in a few words.</summary>
    public static string Latest(Texts texts, string language, BusinessState? state, DateOnly thisMonth)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var m = state?.In(thisMonth) ?? state?.Months.Where(x => x.Month < thisMonth).LastOrDefault();
        return m is null ? T("Business.NoReport")
            : $"{m.Month.ToString("MMM", Texts.Culture(language))} {T("Business.ShortLine", Rupiah.Format(m.Sales), BusinessFlow.ProfitLine(T, m.Sales, m.Profit))}{Trend(m, Previous(state!, m.Month))}";
    }

    /// <summary>The month before <paramref name="month"/>, when it has a report.</summary>
    public static MonthFigures? Previous(BusinessState state, DateOnly month) => state.In(month.AddMonths(-1));

    /// <summary>▲ profit up on the month before, ▼ down, nothing when equal or unknown.</summary>
    public static string Trend(MonthFigures m, MonthFigures? previous) =>
        previous is null || previous.Profit == m.Profit ? string.Empty : previous.Profit < m.Profit ? " ▲" : " ▼";
}

/// <summary>"usaha atur [ya|tidak|pertemuan|bulanan]": whether the group keeps a business book, and per meeting or per month.</summary>
public sealed class BusinessSettingsCommand : ICommand
{
    public CommandInfo Info { get; } = new("business-settings", ["usaha atur", "atur usaha", "business settings"], BusinessAudience.BookKeeper, "Menu.BusinessSettings");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, "usaha atur", ct, BusinessAudience.Roles, matchName: false) is not (var group, var rest))
        {
            return;
        }

        var row = await turn.Db.BusinessBooks.SingleOrDefaultAsync(b => b.GroupId == group.Id, ct);
        var current = row is null ? Books.Default(group.Kind) : new BookSetting(row.Keeps, row.Period);
        BookSetting? wanted = Words.Fold(rest) switch
        {
            "ya" or "yes" or "on" or "ada" => current with { Keeps = true },
            "tidak" or "no" or "off" => group.Kind == GroupKind.Business ? null : current with { Keeps = false },
            "pertemuan" or "meeting" or "per pertemuan" => new BookSetting(true, BookPeriod.Meeting),
            "bulanan" or "bulan" or "monthly" or "month" or "per bulan" => new BookSetting(true, BookPeriod.Month),
            _ => null,
        };
        var id = $"usaha atur #{group.Id}";
        var buttons = new List<Choice> { new($"{id} pertemuan", turn.T("Button.PerMeeting")), new($"{id} bulanan", turn.T("Button.PerMonth")) };
        if (group.Kind != GroupKind.Business)
        {
            buttons.Add(new Choice($"{id} tidak", turn.T("Button.NoBusiness")));
        }

        if (wanted is not { } setting)
        {
            turn.Say(turn.T(rest.Length == 0 ? "Business.SettingsNow" : "Business.SettingsRetry", group.Name, Describe(turn, current)), buttons);
            return;
        }

        if (row is null)
        {
            row = new BusinessBook { GroupId = group.Id };
            turn.Db.BusinessBooks.Add(row);
        }

        if (row.ChangedUtc == default || row.Keeps != setting.Keeps)
        {
            // When the book was turned on (or off): a side business's five quiet weeks count from here.
            row.ChangedUtc = turn.Clock.UtcNow;
        }

        (row.Keeps, row.Period) = (setting.Keeps, setting.Period);
        turn.Audit("business-settings", "group", group.Id, $"{(setting.Keeps ? "keeps" : "none")} {setting.Period}");
        turn.Say(turn.T("Business.SettingsSet", group.Name, Describe(turn, setting)),
            setting.Keeps ? [new Choice($"{BusinessReportCommand.Words} #{group.Id}", turn.T("Button.BusinessReport"))] : []);
    }

    private static string Describe(Turn turn, BookSetting s) =>
        !s.Keeps ? turn.T("Business.Setting.None") : turn.T(s.Period == BookPeriod.Month ? "Business.Setting.Month" : "Business.Setting.Meeting");
}
