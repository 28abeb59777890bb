using System.Text;
using GroupBot.Business;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Grades;
using GroupBot.People;

namespace GroupBot.Summaries;

/// <summary>
/// A summary as short phone-sized lines: "Perlu perhatian" first, then each village's groups and
/// totals, then the overall figures. Split into messages at group boundaries, under Telegram's and
/// WhatsApp's 4096 characters.
/// </summary>
public static class SummaryText
{
    public static List<string> Render(Texts texts, string language, WeekSummary summary, int lowAttendancePercent)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var culture = Texts.Culture(language);
        var blocks = new List<string>
        {
            T("Summary.Title", Weeks.Label(summary.Monday), summary.Monday.ToString("d MMM", culture), summary.Monday.AddDays(6).ToString("d MMM yyyy", culture)),
        };

        if (summary.Groups.Count == 0)
        {
            blocks.Add(T("Summary.NoGroups"));
            return Pack(blocks);
        }

        var attention = summary.Groups.Select(g => (g, Reasons: Reasons(T, g, lowAttendancePercent))).Where(x => x.Reasons.Count > 0).ToList();
        if (attention.Count > 0)
        {
            blocks.Add(T("Summary.Attention"));
            blocks.AddRange(attention.Select(a => $"• {a.g.Group} ({a.g.Village}): {string.Join("; ", a.Reasons)}"));
        }

        if (summary.Grades.Count > 0)
        {
            // Whom to visit: the grades, worst first.
            blocks.Add("\n" + T("Summary.Grades"));
            blocks.AddRange(summary.Grades.Select(g => GradeCommand.Line(texts, language, g, withVillage: false)));
        }

        foreach (var village in summary.Groups.GroupBy(g => g.Village))
        {
            blocks.Add($"\n{T("Summary.Village", village.Key, village.Count())}");
            blocks.AddRange(village.Select(g => Line(T, language, g)));
            blocks.Add(Totals(T, T("Summary.TotalOf", village.Key), [.. village]));
        }

        blocks.Add("\n" + Totals(T, T("Summary.TotalAll"), summary.Groups));
        blocks.Add(Metrics(T, summary.Groups));
        return Pack(blocks);
    }

    private static List<string> Reasons(Func<string, object?[], string> t, GroupWeek g, int low)
    {
        var reasons = new List<string>();
        string T(string key, params object?[] args) => t(key, args);
        if (!g.Held)
        {
            reasons.Add(T("Summary.Reason.NoMeeting"));
        }
        else if (g.AttendancePercent < low)
        {
            reasons.Add(T("Summary.Reason.LowAttendance", g.AttendancePercent));
        }

        if (g.AttendanceFalling)
        {
            reasons.Add(T("Summary.Reason.Falling"));
        }

        if (g.ReportOverdue)
        {
            reasons.Add(T("Summary.Reason.NoReport"));
        }

        if (g.CashMismatch)
        {
            reasons.Add(T("Summary.Reason.CashMismatch"));
        }

        if (g.Business is { LossTwoMonths: true })
        {
            reasons.Add(T("Summary.Reason.BusinessLoss"));
        }

        if (g.Business is { Quiet: true })
        {
            reasons.Add(T("Summary.Reason.BusinessQuiet", Books.QuietDays / 7));
        }

        if (g.Ledger is { Late: > 0 } late)
        {
            reasons.Add(T("Summary.Reason.Arrears", Rupiah.Format(late.Arrears), late.Late));
        }

        if (g.Ledger is { OpenFlags: > 0 } flagged)
        {
            reasons.Add(T("Summary.Reason.ReceiptFlags", flagged.OpenFlags));
        }

        if (g.LeadersUnreachable)
        {
            reasons.Add(T("Summary.Reason.Unreachable"));
        }

        return reasons;
    }

    private static string Line(Func<string, object?[], string> t, string language, GroupWeek g)
    {
        string T(string key, params object?[] args) => t(key, args);
        var sb = new StringBuilder("• ").Append(g.Group).Append(": ");
        if (!g.Held)
        {
            sb.Append(T("Summary.NotHeld"));
        }
        else
        {
            var trend = g.PresentPercentLast4Weeks.Length == 4 ? Arrow(g.PresentPercentLast4Weeks[3] - g.PresentPercentLast4Weeks[2]) : string.Empty;
            sb.Append(T("Summary.Attendance", g.Present, g.Members, g.AttendancePercent)).Append(trend);
        }

        // A business group's savings are beside the point when it saves nothing: its business is what counts.
        var business = g.Kind == GroupKind.Business && g.Business is not null;
        if (business ? g.Savings > 0 || g.CumulativeSavings > 0 : g.HasReport || g.CumulativeSavings > 0)
        {
            sb.Append(", ").Append(T("Summary.Savings", Rupiah.Format(g.Savings), Rupiah.Format(g.CumulativeSavings))).Append(Arrow(g.Savings - g.PreviousSavings));
        }

        if (g.LoansOutstanding is { } outstanding)
        {
            sb.Append(", ").Append(T("Summary.Loans", Rupiah.Format(outstanding), Rupiah.Format(g.Repayments)));
        }

        if (g.Ledger is { } l)
        {
            sb.Append(", ").Append(T("Summary.Ledger", l.BorrowingPercent, l.EverBorrowedPercent, l.ReturnPercent ?? 0, Rupiah.Format(l.ProjectedPerMember)));
        }

        if (g.Business is { } b)
        {
            sb.Append(", ").Append(b.Month is { } m
                ? T("Summary.Business", m.Month.ToString("MMM", Texts.Culture(language)), Rupiah.Format(m.Sales), BusinessFlow.ProfitLine(t, m.Sales, m.Profit))
                    + BusinessCommand.Trend(m, b.Before)
                : T("Summary.BusinessNone"));
        }

        if (g.FinesAndSocial > 0)
        {
            sb.Append(", ").Append(T("Summary.Fines", Rupiah.Format(g.FinesAndSocial)));
        }

        if (g.Held)
        {
            sb.Append(", ").Append(T("Summary.Records", g.HasMinutes ? "✓" : "✗", g.HasReport ? "✓" : "✗"));
            if (g.CashMismatch)
            {
                sb.Append(" ⚠");
            }
        }

        return sb.ToString();
    }

    private static string Arrow(long change) => change > 0 ? " ▲" : change < 0 ? " ▼" : string.Empty;

    private static string Totals(Func<string, object?[], string> t, string label, IReadOnlyList<GroupWeek> groups)
    {
        var held = groups.Where(g => g.Held).ToList();
        var present = held.Sum(g => g.Present);
        var members = held.Sum(g => g.Members);
        var percent = members == 0 ? 0 : (int)Math.Round(100.0 * present / members, MidpointRounding.AwayFromZero);
        return t("Summary.Totals", [label, held.Count, groups.Count, present, members, percent, Rupiah.Format(groups.Sum(g => g.Savings)), Rupiah.Format(groups.Sum(g => g.CumulativeSavings))]);
    }

    /// <summary>
    /// VSL-MIS/SAVIX style: attendance rate, average savings per member, loan-fund utilisation =
    /// loans outstanding ÷ (loans outstanding + cash), and members active (present at least once) in
    /// the last four weeks as a share of all members.
    /// </summary>
    private static string Metrics(Func<string, object?[], string> t, IReadOnlyList<GroupWeek> groups)
    {
        var members = groups.Sum(g => g.Members);
        var held = groups.Where(g => g.Held).ToList();
        var attendance = held.Sum(g => g.Members) == 0 ? 0 : 100.0 * held.Sum(g => g.Present) / held.Sum(g => g.Members);
        var savers = groups.Sum(g => g.MembersSaved ?? (g.HasReport ? g.Present : 0));
        var perMember = savers == 0 ? 0 : groups.Sum(g => g.Savings) / savers;
        var outstanding = groups.Sum(g => g.LoansOutstanding ?? 0);
        var cash = groups.Sum(g => g.CashBalance ?? 0);
        var utilisation = outstanding + cash == 0 ? 0 : 100.0 * outstanding / (outstanding + cash);
        var active = members == 0 ? 0 : 100.0 * groups.Sum(g => g.ActiveMembers4Weeks) / members;
        return t("Summary.Metrics", [Math.Round(attendance, MidpointRounding.AwayFromZero), Rupiah.Format(perMember), Math.Round(utilisation, MidpointRounding.AwayFromZero), Math.Round(active, MidpointRounding.AwayFromZero)]);
    }

    private static List<string> Pack(List<string> blocks)
    {
        var messages = new List<string>();
        var current = new StringBuilder();
        foreach (var block in blocks)
        {
            if (current.Length > 0 && current.Length + block.Length + 1 > Words.MaxReportPart)
            {
                messages.Add(current.ToString().Trim());
                current.Clear();
            }

            current.Append(current.Length == 0 ? string.Empty : "\n").Append(block);
        }

        if (current.Length > 0)
        {
            messages.Add(current.ToString().Trim());
        }

        return messages;
    }
}
