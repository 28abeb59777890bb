using System.Text;
using System.Text.Json;
using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Minutes;

/// <summary>"notulen": a leader or secretary writes the minutes of a meeting.</summary>
public sealed class MinutesCommand(MinutesFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("minutes", ["notulen", "minutes", "notula"], MinutesAudience.MinutesWriter, "Menu.Minutes");

    public Task RunAsync(Turn turn, string args, CancellationToken ct) =>
        GroupRefs.StartForGroupAsync(turn, args, "notulen", flow, g => new MinutesFlow.Draft { GroupId = g.Id, GroupName = g.Name }, ct, MinutesAudience.Roles);
}

public sealed class MinutesFlow : Flow<MinutesFlow.Draft>
{
    /// <summary>Minutes are read on phones: long, but bounded.</summary>
    public const int MaxTextLength = 8000;

    /// <summary>Enough for an attendance sheet and a cash book, page by page.</summary>
    public const int MaxPhotos = 10;

    private const string Topics = "topics";
    private const string Decisions = "decisions";
    private const string FollowUp = "followup";
    private const string NextDate = "next_date";
    private const string Photos = "photos";
    private const string Summary = "summary";
    private const string Edit = "edit";

    public sealed class Draft : IMeetingDraft
    {
        public long GroupId { get; set; }
        public string GroupName { get; set; } = string.Empty;
        public long? MeetingId { get; set; }
        public DateOnly MeetingDate { get; set; }
        public string Topics { get; set; } = string.Empty;
        public string Decisions { get; set; } = string.Empty;
        public string? FollowUp { get; set; }
        public DateOnly? NextMeetingDate { get; set; }
        public List<MinutesPhoto> Photos { get; set; } = [];
        public bool Editing { get; set; }
    }

    public override string Name => "minutes";
    public override string FirstStep => MeetingPicker.Step;
    public override string HelpKey => "Help.Minutes";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>(MeetingPicker.Steps<Draft>(
        async (turn, groupId, ct) => await turn.Db.Minutes.Where(m => m.GroupId == groupId).Select(m => m.MeetingId).Distinct().ToListAsync(ct),
        PickedAsync))
    {
        [Topics] = LongText(Topics, "Minutes.AskTopics", d => d.Topics, (d, v) => d.Topics = v, Decisions),
        [Decisions] = LongText(Decisions, "Minutes.AskDecisions", d => d.Decisions, (d, v) => d.Decisions = v, FollowUp),
        [FollowUp] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Minutes.AskFollowUp"), [new Choice("minutes:skip", turn.T("Button.Skip"))]);
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                if (IsSkip(a))
                {
                    d.FollowUp = null;
                }
                else if (a.Text.Length == 0 || a.Text.Length > MaxTextLength)
                {
                    return Task.FromResult(Next.Retry(turn.T("Minutes.FollowUpRetry")));
                }
                else
                {
                    d.FollowUp = a.Text;
                }

                return Task.FromResult(Next.GoTo(d.Editing ? Summary : NextDate));
            },
        },
        [NextDate] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Minutes.AskNextDate"), [new Choice("minutes:skip", turn.T("Button.Skip"))]);
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                if (IsSkip(a))
                {
                    d.NextMeetingDate = null;
                    return Task.FromResult(Next.GoTo(d.Editing ? Summary : Photos));
                }

                if (!DateParser.TryParse(a.Text, turn.Clock.Today, DateLean.Future, out var date))
                {
                    return Task.FromResult(Next.Retry(turn.T("Minutes.NextDateRetry")));
                }

                if (date < turn.Clock.Today)
                {
                    return Task.FromResult(Next.Retry(turn.T("Minutes.NextDatePast")));
                }

                d.NextMeetingDate = date;
                return Task.FromResult(Next.GoTo(d.Editing ? Summary : Photos));
            },
        },
        [Photos] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Minutes.AskPhotos"), [new Choice("minutes:done", turn.T(d.Photos.Count == 0 ? "Button.Skip" : "Button.Done"))]);
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                if (a.Photo is { } photo)
                {
                    if (d.Photos.Count >= MaxPhotos)
                    {
                        return Task.FromResult(Next.Retry(turn.T("Minutes.TooManyPhotos", MaxPhotos)));
                    }

                    d.Photos.Add(new MinutesPhoto(photo.FileReference, photo.Caption));
                    // Stay on this step: more photos may follow.
                    return Task.FromResult(Next.Retry(turn.T("Minutes.PhotoReceived", d.Photos.Count), [new Choice("minutes:done", turn.T("Button.Done"))]));
                }

                if (IsSkip(a) || a.Value is "minutes:done" or "selesai" or "done" or "sudah")
                {
                    return Task.FromResult(Next.GoTo(Summary));
                }

                return Task.FromResult(Next.Retry(turn.T("Minutes.PhotosRetry")));
            },
        },
        [Summary] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var (present, members) = await CountsAsync(turn, d, ct);
                turn.Say(Render(turn, d, present, members),
                    CommonSteps.SaveEditCancel(turn));
            },
            Answer = async (turn, d, a, ct) =>
            {
                switch (a.Value)
                {
                    case "confirm:save" or "simpan" or "save" or "ya" or "yes":
                        await SaveAsync(turn, d, ct);
                        return Next.Done;
                    case "confirm:edit" or "ubah" or "edit":
                        return Next.GoTo(Edit);
                    default:
                        return Next.Retry(turn.T("Report.SummaryRetry"));
                }
            },
        },
        [Edit] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Report.AskEdit"),
                [
                    new Choice($"edit:{Topics}", turn.T("Minutes.Topics")),
                    new Choice($"edit:{Decisions}", turn.T("Minutes.Decisions")),
                    new Choice($"edit:{FollowUp}", turn.T("Minutes.FollowUp")),
                    new Choice($"edit:{NextDate}", turn.T("Minutes.NextDate")),
                    new Choice($"edit:{Photos}", turn.T("Minutes.Photos")),
                ]);
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                var step = a.ChoiceId is { } id && id.StartsWith("edit:", StringComparison.Ordinal) ? id[5..] : null;
                if (step is not (Topics or Decisions or FollowUp or NextDate or Photos))
                {
                    return Task.FromResult(Next.Retry(turn.T("Report.EditRetry")));
                }

                d.Editing = true;
                switch (step)
                {
                    case Topics: d.Topics = string.Empty; break;
                    case Decisions: d.Decisions = string.Empty; break;
                    case Photos: d.Photos.Clear(); break;
                }

                return Task.FromResult(Next.GoTo(step));
            },
        },
    };

    private static async Task<Next> PickedAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var existing = d.MeetingId is { } id
            ? await turn.Db.Minutes.Where(m => m.MeetingId == id).OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct)
            : null;
        if (existing is null)
        {
            return Next.GoTo(Topics);
        }

        d.Topics = existing.Topics;
        d.Decisions = existing.Decisions;
        d.FollowUp = existing.FollowUp;
        d.NextMeetingDate = existing.NextMeetingDate;
        d.Photos = JsonSerializer.Deserialize<List<MinutesPhoto>>(existing.PhotosJson) ?? [];
        d.Editing = true;
        turn.Say(turn.T("Minutes.Existing", existing.Version));
        return Next.GoTo(Summary);
    }

    /// <summary>A text that may come in several messages: each is added until the person presses Selesai.</summary>
    private static Step<Draft> LongText(string name, string askKey, Func<Draft, string> get, Action<Draft, string> set, string next) => new()
    {
        Ask = (turn, d, ct) =>
        {
            turn.Say(turn.T(askKey), [new Choice("minutes:done", turn.T("Button.Done"))]);
            return Task.CompletedTask;
        },
        Answer = (turn, d, a, ct) =>
        {
            var current = get(d);
            if (a.Value is "minutes:done" or "selesai" or "done" or "sudah")
            {
                return Task.FromResult(current.Length == 0
                    ? Next.Retry(turn.T("Minutes.WriteFirst"))
                    : Next.GoTo(d.Editing ? Summary : next));
            }

            if (a.Photo is not null || a.Text.Length == 0)
            {
                return Task.FromResult(Next.Retry(turn.T("Minutes.TextPlease")));
            }

            var combined = current.Length == 0 ? a.Text : current + "\n" + a.Text;
            if (combined.Length > MaxTextLength)
            {
                return Task.FromResult(Next.Retry(turn.T("Minutes.TooLong")));
            }

            set(d, combined);
            return Task.FromResult(Next.Retry(turn.T("Minutes.Added"), [new Choice("minutes:done", turn.T("Button.Done"))]));
        },
    };

    private static bool IsSkip(Answer a) => a.Value is "minutes:skip" or "lewati" or "skip" or "tidak ada" or "-";

    private static async Task<(int Present, int Members)> CountsAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var members = await turn.Db.Memberships.CountAsync(m => m.GroupId == d.GroupId, ct);
        var present = d.MeetingId is { } id
            ? await turn.Db.Attendance.CountAsync(x => x.MeetingId == id && x.Status == AttendanceStatus.Present, ct)
            : 0;
        return (present, members);
    }

    private static string Render(Turn turn, Draft d, int present, int members)
    {
        var sb = new StringBuilder(turn.T("Minutes.SummaryTitle", d.GroupName, Format.Date(turn.Language, d.MeetingDate)));
        sb.Append('\n').Append(turn.T("Minutes.Attendance", present, members));
        sb.Append('\n').Append(turn.T("Minutes.Topics")).Append(": ").Append(d.Topics);
        sb.Append('\n').Append(turn.T("Minutes.Decisions")).Append(": ").Append(d.Decisions);
        sb.Append('\n').Append(turn.T("Minutes.FollowUp")).Append(": ").Append(d.FollowUp ?? "-");
        sb.Append('\n').Append(turn.T("Minutes.NextDate")).Append(": ").Append(d.NextMeetingDate is { } next ? Format.Date(turn.Language, next) : "-");
        sb.Append('\n').Append(turn.T("Minutes.Photos")).Append(": ").Append(d.Photos.Count);
        return sb.ToString();
    }

    private static async Task SaveAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var db = turn.Db;
        var meeting = await MeetingPicker.MaterializeAsync(turn, d.GroupId, new MeetingPicker.Picked(d.MeetingId, d.MeetingDate), ct);
        d.MeetingId = meeting.Id;
        var (present, members) = await CountsAsync(turn, d, ct);
        var newest = await db.Minutes.Where(m => m.MeetingId == meeting.Id).OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct);
        var photos = JsonSerializer.Serialize(d.Photos);
        if (newest is not null && newest.Topics == d.Topics && newest.Decisions == d.Decisions && newest.FollowUp == d.FollowUp
            && newest.NextMeetingDate == d.NextMeetingDate && newest.PhotosJson == photos)
        {
            turn.Say(turn.T("Minutes.NoChange", newest.Version));
            return;
        }

        var version = (newest?.Version ?? 0) + 1;
        var minutes = new MeetingMinutes
        {
            MeetingId = meeting.Id,
            GroupId = d.GroupId,
            Version = version,
            Topics = d.Topics,
            Decisions = d.Decisions,
            FollowUp = d.FollowUp,
            NextMeetingDate = d.NextMeetingDate,
            Present = present,
            Members = members,
            PhotosJson = photos,
            WrittenByPersonId = turn.Caller.Person!.Id,
            CreatedUtc = turn.Clock.UtcNow,
        };
        db.Add(minutes);
        await db.SaveChangesAsync(ct);
        turn.Audit(version == 1 ? "minutes" : "minutes-correction", "meeting_minutes", minutes.Id, $"meeting {meeting.Id} v{version}");
        turn.Say(turn.T(version == 1 ? "Minutes.Saved" : "Minutes.SavedVersion", d.GroupName, Format.Date(turn.Language, meeting.Date), version));
    }
}
