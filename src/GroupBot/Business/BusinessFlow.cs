using System.Globalization;
using System.Text;
using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Business;

/// <summary>Who may fill a group's business book: its leader or treasurer, its facilitator, admins.</summary>
public static class BusinessAudience
{
    public static readonly IReadOnlyList<MemberRole> Roles = [MemberRole.Leader, MemberRole.Treasurer];

    public static Audience BookKeeper { get; } = Audience.ForRoles(nameof(BookKeeper), Roles, "Refuse.BookKeeper");
}

public enum BusinessField
{
    Sales,
    Materials,
    Wages,
    Transport,
    OtherCosts,
    CapitalAdded,
    Receivable,
    Payable,
}

/// <summary>
/// "lapor usaha": the business book of one meeting or one month (the group's setting). The
/// button a savings report ends with ("pertemuan {id}") opens it on that meeting, without
/// picking it again.
/// </summary>
public sealed class BusinessReportCommand(BusinessFlow flow) : ICommand
{
    public const string Words = "lapor usaha";

    public CommandInfo Info { get; } = new("business-report", [Words, "buku usaha", "catat usaha", "business report"], BusinessAudience.BookKeeper, "Menu.BusinessReport");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, Words, ct, BusinessAudience.Roles) is not (var group, var rest))
        {
            return;
        }

        var setting = await Books.SettingAsync(turn.Db, group, ct);
        if (!setting.Keeps)
        {
            turn.Say(turn.T("Business.NotKept", group.Name), [new Choice($"usaha atur #{group.Id} ya", turn.T("Button.KeepBook"))]);
            return;
        }

        var d = new BusinessFlow.Draft { GroupId = group.Id, GroupName = group.Name, Period = setting.Period };
        if (setting.Period == BookPeriod.Meeting && MeetingRef(rest) is { } meetingId
            && await BookableMeetingAsync(turn, group.Id, meetingId, ct) is { } meeting)
        {
            d.MeetingId = meeting.Id;
            d.MeetingDate = meeting.Date;
            turn.Start(flow, d, await BusinessFlow.PickedAsync(turn, d, ct));
            return;
        }

        turn.Start(flow, d, setting.Period == BookPeriod.Month ? BusinessFlow.MonthStep : MeetingPicker.Step);
    }

    /// <summary>"pertemuan 123" in a button's command text: the meeting a report was just sent for (no colon: outside a flow that marks a stale button).</summary>
    public static long? MeetingRef(string rest) =>
        rest.StartsWith(MeetingWord, StringComparison.Ordinal) && long.TryParse(rest[MeetingWord.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The group's meeting a report button names, if a report can be about it (not called off, not still to come).</summary>
    public static Task<Meeting?> BookableMeetingAsync(Turn turn, long groupId, long meetingId, CancellationToken ct)
    {
        var today = turn.Clock.Today;
        return turn.Db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId && m.GroupId == groupId && m.Status != MeetingStatus.Cancelled && m.Date <= today, ct);
    }

    /// <summary>The button's command text that opens <paramref name="commandWords"/> on a meeting.</summary>
    public static string OnMeeting(string commandWords, long groupId, long meetingId) => $"{commandWords} #{groupId} {MeetingWord}{meetingId}";

    private const string MeetingWord = "pertemuan ";
}

public sealed class BusinessFlow : Flow<BusinessFlow.Draft>
{
    public const string MonthStep = "month";
    private const string UnitsStep = "units";
    private const string ExtrasStep = "extras";
    private const string SummaryStep = "summary";
    private const string EditStep = "edit";

    private static readonly BusinessField[] Costs = [BusinessField.Materials, BusinessField.Wages, BusinessField.Transport, BusinessField.OtherCosts];

    public sealed class Draft : IMeetingDraft
    {
        public long GroupId { get; set; }
        public string GroupName { get; set; } = string.Empty;
        public BookPeriod Period { get; set; }
        public long? MeetingId { get; set; }
        public DateOnly MeetingDate { get; set; }
        public DateOnly Month { get; set; }
        public Dictionary<BusinessField, long> Values { get; set; } = [];
        public int? UnitsMade { get; set; }
        public int? UnitsSold { get; set; }
        public long PreviousReceivable { get; set; }
        public long PreviousPayable { get; set; }
        public bool Editing { get; set; }
    }

    public override string Name => "business";
    public override string FirstStep => MeetingPicker.Step;
    public override string HelpKey => "Help.Business";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps()
    {
        var steps = new Dictionary<string, Step<Draft>>
        {
            [MonthStep] = new()
            {
                Ask = async (turn, d, ct) => turn.Say(turn.T("Business.AskMonth"), await MonthChoicesAsync(turn, d, ct)),
                Answer = async (turn, d, a, ct) =>
                {
                    if (!Months.TryParse(a.Value, turn.Clock.Today, out var month))
                    {
                        return Next.Retry(turn.T("Business.MonthRetry"), await MonthChoicesAsync(turn, d, ct));
                    }

                    if (month > Books.MonthOf(turn.Clock.Today))
                    {
                        return Next.Retry(turn.T("Business.MonthFuture"), await MonthChoicesAsync(turn, d, ct));
                    }

                    d.Month = month;
                    return Next.GoTo(await PickedAsync(turn, d, ct));
                },
            },
            [UnitsStep] = new()
            {
                Ask = (turn, d, ct) =>
                {
                    var text = turn.T("Business.AskUnits");
                    if (d.UnitsMade is { } made)
                    {
                        text += " " + turn.T("Report.Current", turn.T("Business.Units", made, d.UnitsSold ?? 0));
                    }

                    turn.Say(text, [new Choice("units:none", turn.T("Button.Skip"))]);
                    return Task.CompletedTask;
                },
                Answer = (turn, d, a, ct) =>
                {
                    if (a.Value is "units:none" || CommonSteps.IsNoAmount(a))
                    {
                        d.UnitsMade = d.UnitsSold = null;
                    }
                    else if (Units(a.Text) is { } units)
                    {
                        (d.UnitsMade, d.UnitsSold) = units;
                    }
                    else
                    {
                        return Task.FromResult(Next.Retry(turn.T("Business.UnitsRetry"), [new Choice("units:none", turn.T("Button.Skip"))]));
                    }

                    return Task.FromResult(Next.GoTo(d.Editing ? SummaryStep : ExtrasStep));
                },
            },
            [ExtrasStep] = new()
            {
                Ask = (turn, d, ct) =>
                {
                    turn.Say(turn.T("Business.AskExtras", Rupiah.Format(d.PreviousReceivable), Rupiah.Format(d.PreviousPayable)), ExtrasChoices(turn));
                    return Task.CompletedTask;
                },
                Answer = (turn, d, a, ct) => Task.FromResult(
                    a.Value is "extras:no" or "tidak" or "tidak ada" or "no" or "none" or "lewati" or "skip"
                        || string.Equals(a.Text, turn.T("Button.NoChange"), StringComparison.OrdinalIgnoreCase) ? NoExtras(d)
                    : a.Value is "extras:yes" or "ya" or "ada" or "yes" || string.Equals(a.Text, turn.T("Button.Yes"), StringComparison.OrdinalIgnoreCase)
                        ? Next.GoTo(nameof(BusinessField.CapitalAdded))
                    : Next.Retry(turn.T("Business.ExtrasRetry"), ExtrasChoices(turn))),
            },
            [SummaryStep] = new()
            {
                Ask = (turn, d, ct) =>
                {
                    turn.Say(Summary(turn, d), CommonSteps.SaveEditCancel(turn));
                    return Task.CompletedTask;
                },
                Answer = async (turn, d, a, ct) =>
                {
                    if (CommonSteps.IsSave(a))
                    {
                        await SaveAsync(turn, d, ct);
                        return Next.Done;
                    }

                    if (CommonSteps.IsEdit(a))
                    {
                        return Next.GoTo(EditStep);
                    }

                    return Next.Retry(turn.T("Report.SummaryRetry"), CommonSteps.SaveEditCancel(turn));
                },
            },
            [EditStep] = new()
            {
                Ask = (turn, d, ct) =>
                {
                    turn.Say(turn.T("Report.AskEdit"), EditChoices(turn));
                    return Task.CompletedTask;
                },
                Answer = (turn, d, a, ct) =>
                {
                    var picked = a.ChoiceId is { } id && id.StartsWith("edit:", StringComparison.Ordinal) ? id[5..]
                        : string.Equals(turn.T("Business.Field.Units"), a.Text, StringComparison.OrdinalIgnoreCase) ? "units"
                        : Enum.GetValues<BusinessField>().Where(f => string.Equals(turn.T($"Business.Field.{f}"), a.Text, StringComparison.OrdinalIgnoreCase))
                            .Select(f => f.ToString()).FirstOrDefault();
                    d.Editing = true;
                    return Task.FromResult(picked == "units" ? Next.GoTo(UnitsStep)
                        : Enum.TryParse<BusinessField>(picked, out var field) ? Next.GoTo(field.ToString())
                        : Next.Retry(turn.T("Report.EditRetry"), EditChoices(turn)));
                },
            },
        };

        foreach (var (name, step) in MeetingPicker.Steps<Draft>(
            async (turn, groupId, ct) => await turn.Db.BusinessReports.Where(r => r.GroupId == groupId && r.MeetingId != null).Select(r => r.MeetingId!.Value).Distinct().ToListAsync(ct),
            async (turn, d, ct) => Next.GoTo(await PickedAsync(turn, d, ct))))
        {
            steps[name] = step;
        }

        foreach (var field in Enum.GetValues<BusinessField>())
        {
            steps[field.ToString()] = FieldStep(field);
        }

        return steps;
    }

    /// <summary>
    /// The period is known: a correction starts from its newest version (at the summary); a new
    /// report starts at sales, knowing what was owed at the report before. Returns the next step.
    /// </summary>
    public static async Task<string> PickedAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var (key, start, _) = Period(d);
        var existing = await Books.NewestAsync(turn.Db, d.GroupId, key, ct);
        if (existing is null)
        {
            var before = await Books.Newest(turn.Db).Where(r => r.GroupId == d.GroupId && r.PeriodEnd < start)
                .OrderByDescending(r => r.PeriodEnd).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            d.PreviousReceivable = before?.Receivable ?? 0;
            d.PreviousPayable = before?.Payable ?? 0;
            return nameof(BusinessField.Sales);
        }

        foreach (var field in Enum.GetValues<BusinessField>())
        {
            d.Values[field] = Get(existing, field);
        }

        (d.UnitsMade, d.UnitsSold) = (existing.UnitsMade, existing.UnitsSold);
        (d.PreviousReceivable, d.PreviousPayable) = (existing.Receivable, existing.Payable);
        d.Editing = true;
        turn.Say(turn.T("Business.Existing", existing.Version));
        return SummaryStep;
    }

    private static Step<Draft> FieldStep(BusinessField field) => new()
    {
        Ask = (turn, d, ct) =>
        {
            var text = new StringBuilder(turn.T($"Business.Ask.{field}"));
            var last = field switch
            {
                BusinessField.Receivable => d.PreviousReceivable,
                BusinessField.Payable => d.PreviousPayable,
                _ => (long?)null,
            };
            if (last is { } previous && !d.Values.ContainsKey(field))
            {
                text.Append(' ').Append(turn.T("Business.Last", Rupiah.Format(previous)));
            }

            if (d.Values.TryGetValue(field, out var current))
            {
                text.Append(' ').Append(turn.T("Report.Current", Rupiah.Format(current)));
            }

            turn.Say(text.ToString(), Optional(field) ? [new Choice(CommonSteps.NoAmount, turn.T("Button.None"))] : []);
            return Task.CompletedTask;
        },
        Answer = (turn, d, a, ct) =>
        {
            long amount = 0;
            if (!(Optional(field) && CommonSteps.IsNoAmount(a)) && Rupiah.Parse(a.Text, out amount) is var problem and not AmountProblem.None)
            {
                return Task.FromResult(Next.Retry(turn.T($"Amount.{problem}"), Optional(field) ? [new Choice(CommonSteps.NoAmount, turn.T("Button.None"))] : null));
            }

            d.Values[field] = amount;
            return Task.FromResult(Next.GoTo(d.Editing ? SummaryStep : After(field)));
        },
    };

    private static async Task<IReadOnlyList<Choice>> MonthChoicesAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var recorded = (await turn.Db.BusinessReports.Where(r => r.GroupId == d.GroupId && r.MeetingId == null)
            .Select(r => r.PeriodStart).Distinct().ToListAsync(ct)).ToHashSet();
        var thisMonth = Books.MonthOf(turn.Clock.Today);
        return [.. new[] { thisMonth.AddMonths(-1), thisMonth }
            .OrderBy(m => recorded.Contains(m))
            .Select(m => new Choice($"month:{m:yyyy-MM}", MonthLabel(turn.Language, m) + (recorded.Contains(m) ? " ✓" : string.Empty)))];
    }

    private static IReadOnlyList<Choice> ExtrasChoices(Turn turn) =>
        [new Choice("extras:no", turn.T("Button.NoChange")), new Choice("extras:yes", turn.T("Button.Yes"))];

    private static IReadOnlyList<Choice> EditChoices(Turn turn) =>
    [
        .. Enum.GetValues<BusinessField>().Select(f => new Choice($"edit:{f}", turn.T($"Business.Field.{f}"))),
        new Choice("edit:units", turn.T("Business.Field.Units")),
    ];

    /// <summary>Only sales must be typed; a cost, capital or debt the group did not have is "Tidak ada".</summary>
    private static bool Optional(BusinessField field) => field != BusinessField.Sales;

    private static string After(BusinessField field) => field switch
    {
        BusinessField.OtherCosts => UnitsStep,
        BusinessField.Payable => SummaryStep,
        _ => ((BusinessField)((int)field + 1)).ToString(),
    };

    /// <summary>"Tidak ada perubahan": no capital came in, and what is owed is what was owed.</summary>
    private static Next NoExtras(Draft d)
    {
        d.Values[BusinessField.CapitalAdded] = 0;
        d.Values[BusinessField.Receivable] = d.PreviousReceivable;
        d.Values[BusinessField.Payable] = d.PreviousPayable;
        return Next.GoTo(SummaryStep);
    }

    /// <summary>"50 40", "50/40", "dibuat 50 terjual 40": made, then sold (sold cannot exceed what exists, but stock carries over, so it is not checked).</summary>
    private static (int Made, int Sold)? Units(string text)
    {
        var numbers = System.Text.RegularExpressions.Regex.Matches(text, @"\d+").Select(m => int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList();
        return numbers.Count == 2 && numbers.All(n => n is >= 0 and <= 1_000_000) ? (numbers[0], numbers[1]) : null;
    }

    public static long Get(BusinessReport r, BusinessField field) => field switch
    {
        BusinessField.Sales => r.Sales,
        BusinessField.Materials => r.Materials,
        BusinessField.Wages => r.Wages,
        BusinessField.Transport => r.Transport,
        BusinessField.OtherCosts => r.OtherCosts,
        BusinessField.CapitalAdded => r.CapitalAdded,
        BusinessField.Receivable => r.Receivable,
        _ => r.Payable,
    };

    private static (string Key, DateOnly Start, DateOnly End) Period(Draft d) => d.Period == BookPeriod.Month
        ? (BusinessReport.MonthKey(d.Month), d.Month, d.Month.AddMonths(1).AddDays(-1))
        : (d.MeetingId is { } id ? BusinessReport.MeetingKey(id) : $"date:{d.MeetingDate:yyyy-MM-dd}", d.MeetingDate, d.MeetingDate);

    public static string MonthLabel(string language, DateOnly month) => month.ToString("MMM yyyy", Texts.Culture(language));

    private static string PeriodLabel(Turn turn, Draft d) => d.Period == BookPeriod.Month
        ? d.Month.ToString("MMMM yyyy", Texts.Culture(turn.Language))
        : Format.Date(turn.Language, d.MeetingDate);

    private static BusinessReport Build(Draft d) => new()
    {
        Sales = d.Values.GetValueOrDefault(BusinessField.Sales),
        Materials = d.Values.GetValueOrDefault(BusinessField.Materials),
        Wages = d.Values.GetValueOrDefault(BusinessField.Wages),
        Transport = d.Values.GetValueOrDefault(BusinessField.Transport),
        OtherCosts = d.Values.GetValueOrDefault(BusinessField.OtherCosts),
        CapitalAdded = d.Values.GetValueOrDefault(BusinessField.CapitalAdded),
        Receivable = d.Values.GetValueOrDefault(BusinessField.Receivable, d.PreviousReceivable),
        Payable = d.Values.GetValueOrDefault(BusinessField.Payable, d.PreviousPayable),
        UnitsMade = d.UnitsMade,
        UnitsSold = d.UnitsSold,
    };

    private static string Summary(Turn turn, Draft d)
    {
        var r = Build(d);
        var sb = new StringBuilder(turn.T("Business.SummaryTitle", d.GroupName, PeriodLabel(turn, d)));
        sb.Append('\n').Append(turn.T("Business.Field.Sales")).Append(": ").Append(Rupiah.Format(r.Sales));
        var lines = Costs.Where(f => d.Values.GetValueOrDefault(f) > 0)
            .Select(f => $"{turn.T($"Business.Short.{f}")} {Rupiah.Format(d.Values[f])}").ToList();
        sb.Append('\n').Append(turn.T("Business.Costs")).Append(": ").Append(Rupiah.Format(r.Costs));
        if (lines.Count > 0)
        {
            sb.Append(" (").AppendJoin(", ", lines).Append(')');
        }

        sb.Append('\n').Append(Sentence(ProfitLine(turn.T, r.Sales, r.Profit)));
        if (r.UnitsMade is { } made)
        {
            sb.Append('\n').Append(turn.T("Business.Units", made, r.UnitsSold ?? 0));
        }

        sb.Append('\n').Append(turn.T("Business.Owed", Rupiah.Format(r.CapitalAdded), Rupiah.Format(r.Receivable), Rupiah.Format(r.Payable)));
        return sb.ToString();
    }

    /// <summary>"Laba Rp 400.000 (margin 27%)" or "Rugi Rp 50.000 (margin −5%)".</summary>
    public static string ProfitLine(Func<string, object?[], string> t, long sales, long profit)
    {
        var margin = sales == 0 ? "–" : Math.Round(100m * profit / sales, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%";
        return t(profit < 0 ? "Business.Loss" : "Business.Profit", [Rupiah.Format(Math.Abs(profit)), margin]);
    }

    /// <summary>"laba …" opening a line reads "Laba …".</summary>
    private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpper(text[0], System.Globalization.CultureInfo.InvariantCulture) + text[1..];

    private static async Task SaveAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var db = turn.Db;
        if (d.Period == BookPeriod.Meeting)
        {
            var meeting = await MeetingPicker.MaterializeAsync(turn, d.GroupId, new MeetingPicker.Picked(d.MeetingId, d.MeetingDate), ct);
            d.MeetingId = meeting.Id;
        }

        var (key, start, end) = Period(d);
        var report = Build(d);
        var newest = await Books.NewestAsync(db, d.GroupId, key, ct);
        var label = PeriodLabel(turn, d);
        if (newest is not null && newest.SameFiguresAs(report))
        {
            turn.Say(turn.T("Report.NoChange", newest.Version));
            return;
        }

        report.GroupId = d.GroupId;
        report.PeriodKey = key;
        report.Version = (newest?.Version ?? 0) + 1;
        report.MeetingId = d.Period == BookPeriod.Meeting ? d.MeetingId : null;
        report.PeriodStart = start;
        report.PeriodEnd = end;
        report.ReportedByPersonId = turn.Caller.Person!.Id;
        report.CreatedUtc = turn.Clock.UtcNow;
        db.Add(report);
        await db.SaveChangesAsync(ct);
        turn.Audit(report.Version == 1 ? "business-report" : "business-report-correction", "business_report", report.Id, $"{key} v{report.Version}");

        var text = turn.T(report.Version == 1 ? "Business.Saved" : "Business.SavedVersion", d.GroupName, label, report.Version)
            + "\n" + Sentence(ProfitLine(turn.T, report.Sales, report.Profit));
        // The savings report of the same meeting is one button away (it takes sales and costs from here).
        turn.Say(text, report.MeetingId is { } meetingId
            ? [new Choice(BusinessReportCommand.OnMeeting("lapor", d.GroupId, meetingId), turn.T("Button.SavingsReport")), new Choice($"usaha #{d.GroupId}", turn.T("Button.BusinessOverview"))]
            : [new Choice($"usaha #{d.GroupId}", turn.T("Button.BusinessOverview"))]);
    }
}
