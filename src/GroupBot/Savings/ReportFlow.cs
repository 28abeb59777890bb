using System.Text;
using GroupBot.Attendance;
using GroupBot.Business;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Savings;

/// <summary>
/// A feature that writes some groups' savings reports its own way (the member ledger computes the
/// totals from each member's line): "lapor" hands such a group over to it.
/// </summary>
public interface IReportTakeover
{
    /// <returns>Whether it took the group (and started its own conversation).</returns>
    Task<bool> TryStartAsync(Turn turn, Group group, CancellationToken ct);
}

/// <summary>"lapor": a leader or treasurer reports what a meeting produced.</summary>
public sealed class ReportCommand(ReportFlow flow, IEnumerable<IReportTakeover> takeovers) : ICommand
{
    public CommandInfo Info { get; } = new("report", ["lapor", "report", "laporan"], ReportAudience.ReportWriter, "Menu.Report");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, "lapor", ct, ReportAudience.Roles) is not (var group, var rest))
        {
            return;
        }

        foreach (var takeover in takeovers)
        {
            if (await takeover.TryStartAsync(turn, group, ct))
            {
                return;
            }
        }

        var d = new ReportFlow.Draft
        {
            GroupId = group.Id,
            GroupName = group.Name,
            Kind = group.Kind,
            Members = await turn.Db.Memberships.CountAsync(m => m.GroupId == group.Id, ct),
        };

        // The button a business report ends with names its meeting: no picking it again.
        if (BusinessReportCommand.MeetingRef(rest) is { } meetingId
            && await BusinessReportCommand.BookableMeetingAsync(turn, group.Id, meetingId, ct) is { } meeting)
        {
            d.MeetingId = meeting.Id;
            d.MeetingDate = meeting.Date;
            turn.Start(flow, d, (await ReportFlow.PickedAsync(turn, d, ct)).Step);
            return;
        }

        turn.Start(flow, d);
    }
}

public sealed class ReportFlow : Flow<ReportFlow.Draft>
{
    private const string MembersSavedStep = "members_saved";
    private const string SummaryStep = "summary";
    private const string EditStep = "edit";
    private const string MismatchStep = "mismatch";

    public sealed class Draft : IMeetingDraft
    {
        public long GroupId { get; set; }
        public string GroupName { get; set; } = string.Empty;
        public GroupKind Kind { get; set; }
        public long? MeetingId { get; set; }
        public DateOnly MeetingDate { get; set; }
        public Dictionary<ReportField, long> Values { get; set; } = [];
        public int? MembersSaved { get; set; }
        public int Present { get; set; }
        public int Members { get; set; }
        public long? PreviousBalance { get; set; }
        public bool Editing { get; set; }

        /// <summary>Sales and costs came from the meeting's business book and are not asked again.</summary>
        public bool FromBook { get; set; }
    }

    public override string Name => "report";
    public override string FirstStep => MeetingPicker.Step;
    public override string HelpKey => "Help.Report";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps()
    {
        var steps = new Dictionary<string, Step<Draft>>
        {
            [MembersSavedStep] = new()
            {
                Ask = (turn, d, ct) =>
                {
                    turn.Say(turn.T("Report.AskMembersSaved", d.Present, d.Members),
                        d.Present > 0 ? [new Choice("saved:present", turn.T("Button.AllPresent", d.Present))] : []);
                    return Task.CompletedTask;
                },
                Answer = (turn, d, a, ct) =>
                {
                    var count = a.ChoiceId == "saved:present" ? d.Present : int.TryParse(Words.Fold(a.Text).Replace("orang", string.Empty, StringComparison.Ordinal).Trim(), out var n) ? n : -1;
                    if (count < 0 || count > Math.Max(d.Members, d.Present))
                    {
                        return Task.FromResult(Next.Retry(turn.T("Report.MembersSavedRetry", d.Members)));
                    }

                    d.MembersSaved = count;
                    return Task.FromResult(Next.GoTo(SummaryStep));
                },
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
                        if (Mismatch(d) is not null)
                        {
                            return Next.GoTo(MismatchStep);
                        }

                        await SaveAsync(turn, d, mismatch: false, ct);
                        return Next.Done;
                    }

                    if (CommonSteps.IsEdit(a))
                    {
                        return Next.GoTo(EditStep);
                    }

                    return Next.Retry(turn.T("Report.SummaryRetry"));
                },
            },
            [EditStep] = new()
            {
                Ask = (turn, d, ct) =>
                {
                    var choices = ReportFields.For(d.Kind).Select(f => new Choice($"edit:{f}", turn.T($"Field.{f}"))).ToList();
                    if (ReportFields.AsksMembersSaved(d.Kind))
                    {
                        choices.Add(new Choice("edit:members", turn.T("Field.MembersSaved")));
                    }

                    turn.Say(turn.T("Report.AskEdit"), choices);
                    return Task.CompletedTask;
                },
                Answer = (turn, d, a, ct) =>
                {
                    var fields = ReportFields.For(d.Kind);
                    var picked = a.ChoiceId is { } id && id.StartsWith("edit:", StringComparison.Ordinal) ? id[5..]
                        : string.Equals(turn.T("Field.MembersSaved"), a.Text, StringComparison.OrdinalIgnoreCase) ? "members"
                        : fields.Where(f => string.Equals(turn.T($"Field.{f}"), a.Text, StringComparison.OrdinalIgnoreCase)).Select(f => f.ToString()).FirstOrDefault();
                    if (picked == "members" && ReportFields.AsksMembersSaved(d.Kind))
                    {
                        d.Editing = true;
                        return Task.FromResult(Next.GoTo(MembersSavedStep));
                    }

                    if (!Enum.TryParse<ReportField>(picked, out var field) || !fields.Contains(field))
                    {
                        return Task.FromResult(Next.Retry(turn.T("Report.EditRetry")));
                    }

                    d.Editing = true;
                    return Task.FromResult(Next.GoTo(field.ToString()));
                },
            },
            [MismatchStep] = new()
            {
                Ask = (turn, d, ct) =>
                {
                    var (expected, typed) = Mismatch(d)!.Value;
                    turn.Say(turn.T("Report.Mismatch", Rupiah.Format(expected), Rupiah.Format(typed), Difference(turn, typed - expected)),
                        [new Choice("mismatch:save", turn.T("Button.SaveAnyway")), new Choice("confirm:edit", turn.T("Button.Edit")), new Choice("batal", turn.T("Button.Cancel"))]);
                    return Task.CompletedTask;
                },
                Answer = async (turn, d, a, ct) =>
                {
                    switch (a.Value)
                    {
                        case "mismatch:save" or "simpan" or "save" or "ya" or "yes":
                            await SaveAsync(turn, d, mismatch: true, ct);
                            return Next.Done;
                        case "confirm:edit" or "ubah" or "edit":
                            return Next.GoTo(EditStep);
                        default:
                            return Next.Retry(turn.T("Report.MismatchRetry"));
                    }
                },
            },
        };

        foreach (var (name, step) in MeetingPicker.Steps<Draft>(
            async (turn, groupId, ct) => await turn.Db.SavingsReports.Where(r => r.GroupId == groupId).Select(r => r.MeetingId).Distinct().ToListAsync(ct),
            PickedAsync))
        {
            steps[name] = step;
        }

        foreach (var field in Enum.GetValues<ReportField>())
        {
            steps[field.ToString()] = FieldStep(field);
        }

        return steps;
    }

    private static Step<Draft> FieldStep(ReportField field) => new()
    {
        Ask = (turn, d, ct) =>
        {
            var text = new StringBuilder(turn.T($"Report.Ask.{field}"));
            if (field == ReportField.CashBalance && d.PreviousBalance is { } previous)
            {
                text.Append(' ').Append(turn.T("Report.PreviousBalance", Rupiah.Format(previous)));
            }

            if (d.Values.TryGetValue(field, out var current))
            {
                text.Append(' ').Append(turn.T("Report.Current", Rupiah.Format(current)));
            }

            var optional = ReportFields.IsOptional(d.Kind, field);
            if (optional)
            {
                text.Append(' ').Append(turn.T("Report.OptionalHint"));
            }

            turn.Say(text.ToString(), optional ? [new Choice(CommonSteps.NoAmount, turn.T("Button.None"))] : []);
            return Task.CompletedTask;
        },
        Answer = (turn, d, a, ct) =>
        {
            long amount;
            if (ReportFields.IsOptional(d.Kind, field) && CommonSteps.IsNoAmount(a))
            {
                amount = 0;
            }
            else
            {
                var problem = Rupiah.Parse(a.Text, out amount);
                if (problem != AmountProblem.None)
                {
                    return Task.FromResult(Next.Retry(turn.T($"Amount.{problem}")));
                }
            }

            d.Values[field] = amount;
            return Task.FromResult(Next.GoTo(d.Editing ? SummaryStep : After(d, field)));
        },
    };

    private static string After(Draft d, ReportField field)
    {
        var fields = ReportFields.For(d.Kind);
        var i = fields.ToList().IndexOf(field);
        if (i + 1 < fields.Count)
        {
            return fields[i + 1].ToString();
        }

        return ReportFields.AsksMembersSaved(d.Kind) ? MembersSavedStep : SummaryStep;
    }

    internal static async Task<Next> PickedAsync(Turn turn, Draft d, CancellationToken ct)
    {
        d.Present = d.MeetingId is { } id
            ? await turn.Db.Attendance.CountAsync(x => x.MeetingId == id && x.Status == AttendanceStatus.Present, ct)
            : 0;
        d.PreviousBalance = await Reports.LatestBefore(turn.Db, d.GroupId, d.MeetingDate).Select(r => (long?)r.CashBalance).FirstOrDefaultAsync(ct);

        var existing = d.MeetingId is { } meetingId ? await Reports.Newest(turn.Db, meetingId).FirstOrDefaultAsync(ct) : null;
        if (existing is null)
        {
            await FromBookAsync(turn, d, ct);
            return Next.GoTo(ReportFields.For(d.Kind).First(f => !d.Values.ContainsKey(f)).ToString());
        }

        // A correction: start from the newest version; the person changes what was wrong.
        foreach (var field in ReportFields.For(d.Kind))
        {
            d.Values[field] = ReportFields.Get(existing, field) ?? 0;
        }

        d.MembersSaved = existing.MembersSaved;
        d.Editing = true;
        turn.Say(turn.T("Report.Existing", existing.Version));
        return Next.GoTo(SummaryStep);
    }

    /// <summary>A business group whose book already has this meeting: its sales and costs are taken from there.</summary>
    private static async Task FromBookAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var fields = ReportFields.For(d.Kind);
        if (d.MeetingId is not { } meetingId || !fields.Contains(ReportField.Sales) || !fields.Contains(ReportField.Costs)
            || await Books.NewestAsync(turn.Db, d.GroupId, BusinessReport.MeetingKey(meetingId), ct) is not { } book)
        {
            return;
        }

        d.Values[ReportField.Sales] = book.Sales;
        d.Values[ReportField.Costs] = book.Costs;
        d.FromBook = true;
    }

    private static (long Expected, long Typed)? Mismatch(Draft d)
    {
        if (d.PreviousBalance is not { } previous || !d.Values.TryGetValue(ReportField.CashBalance, out var typed))
        {
            return null;
        }

        var expected = ReportFields.ExpectedCash(previous, d.Values);
        return expected == typed ? null : (expected, typed);
    }

    private static string Summary(Turn turn, Draft d)
    {
        var sb = new StringBuilder(turn.T("Report.SummaryTitle", d.GroupName, Format.Date(turn.Language, d.MeetingDate)));
        foreach (var field in ReportFields.For(d.Kind))
        {
            sb.Append('\n').Append(turn.T($"Field.{field}")).Append(": ").Append(Rupiah.Format(d.Values.GetValueOrDefault(field)));
        }

        if (ReportFields.AsksMembersSaved(d.Kind))
        {
            sb.Append('\n').Append(turn.T("Field.MembersSaved")).Append(": ").Append(d.MembersSaved ?? 0);
        }

        if (d.FromBook)
        {
            sb.Append('\n').Append(turn.T("Report.FromBook"));
        }

        if (d.PreviousBalance is { } previous)
        {
            var expected = ReportFields.ExpectedCash(previous, d.Values);
            var typed = d.Values.GetValueOrDefault(ReportField.CashBalance);
            sb.Append('\n').Append(expected == typed
                ? turn.T("Report.CashOk")
                : turn.T("Report.CashDiffers", Difference(turn, typed - expected)));
        }

        return sb.ToString();
    }

    /// <summary>"kurang Rp 50.000" / "lebih Rp 50.000": people read a shortfall better than a minus sign.</summary>
    private static string Difference(Turn turn, long typedMinusExpected) =>
        turn.T(typedMinusExpected < 0 ? "Report.Short" : "Report.Over", Rupiah.Format(Math.Abs(typedMinusExpected)));

    private static async Task SaveAsync(Turn turn, Draft d, bool mismatch, CancellationToken ct)
    {
        var db = turn.Db;
        var meeting = await MeetingPicker.MaterializeAsync(turn, d.GroupId, new MeetingPicker.Picked(d.MeetingId, d.MeetingDate), ct);
        var newest = meeting.Id == 0 ? null : await Reports.Newest(db, meeting.Id).FirstOrDefaultAsync(ct);
        var membersSaved = ReportFields.AsksMembersSaved(d.Kind) ? d.MembersSaved : null;
        if (newest is not null && newest.MembersSaved == membersSaved
            && ReportFields.For(d.Kind).All(f => (ReportFields.Get(newest, f) ?? 0) == d.Values.GetValueOrDefault(f)))
        {
            // Opened to check, saved unchanged: no new version.
            turn.Say(turn.T("Report.NoChange", newest.Version));
            return;
        }

        var version = (newest?.Version ?? 0) + 1;
        var report = new SavingsReport
        {
            MeetingId = meeting.Id,
            GroupId = d.GroupId,
            Version = version,
            MembersSaved = membersSaved,
            ExpectedCash = d.PreviousBalance is { } previous ? ReportFields.ExpectedCash(previous, d.Values) : null,
            CashMismatch = mismatch,
            ReportedByPersonId = turn.Caller.Person!.Id,
            CreatedUtc = turn.Clock.UtcNow,
        };
        foreach (var field in ReportFields.For(d.Kind))
        {
            ReportFields.Set(report, field, d.Values.GetValueOrDefault(field));
        }

        db.Add(report);
        await db.SaveChangesAsync(ct);
        turn.Audit(version == 1 ? "report" : "report-correction", "savings_report", report.Id, $"meeting {meeting.Id} v{version}{(mismatch ? " cash mismatch" : string.Empty)}");
        var saved = turn.T(version == 1 ? "Report.Saved" : "Report.SavedVersion", d.GroupName, Format.Date(turn.Language, meeting.Date), version);
        var group = await db.Groups.SingleAsync(g => g.Id == d.GroupId, ct);
        var book = await Books.SettingAsync(db, group, ct);
        if (book is { Keeps: true, Period: BookPeriod.Meeting }
            && await Books.NewestAsync(db, d.GroupId, BusinessReport.MeetingKey(meeting.Id), ct) is null)
        {
            // The business book of the same meeting is one button away.
            turn.Say(saved, [new Choice(BusinessReportCommand.OnMeeting(BusinessReportCommand.Words, d.GroupId, meeting.Id), turn.T("Button.BusinessReport"))]);
            return;
        }

        turn.Say(saved);
    }
}

/// <summary>Queries for "the newest version": summaries and corrections read reports only through these.</summary>
public static class Reports
{
    public static IQueryable<SavingsReport> Newest(Data.GroupBotDb db, long meetingId) =>
        db.Set<SavingsReport>().Where(r => r.MeetingId == meetingId).OrderByDescending(r => r.Version);

    /// <summary>The newest version of the group's latest report for a meeting before <paramref name="date"/>.</summary>
    public static IQueryable<SavingsReport> LatestBefore(Data.GroupBotDb db, long groupId, DateOnly date) =>
        db.Set<SavingsReport>().Where(r => r.GroupId == groupId && r.Meeting!.Date < date)
            .OrderByDescending(r => r.Meeting!.Date).ThenByDescending(r => r.Version);
}
