using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Reminders;

/// <summary>"pertemuan ubah": an officer changes the weekly day and time; reminders follow.</summary>
public sealed class ChangeScheduleCommand(ChangeScheduleFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("meeting.change", ["pertemuan ubah", "meeting change"], Audience.Officer, "Menu.MeetingChange");

    public Task RunAsync(Turn turn, string args, CancellationToken ct) =>
        GroupRefs.StartForGroupAsync(turn, args, "pertemuan ubah", flow, g => new ChangeScheduleFlow.Draft { GroupId = g.Id }, ct);
}

public sealed class ChangeScheduleFlow(ReminderScheduler scheduler) : Flow<ChangeScheduleFlow.Draft>
{
    public sealed class Draft
    {
        public long GroupId { get; set; }
        public DayOfWeek? Day { get; set; }
    }

    public override string Name => "meeting.change";
    public override string FirstStep => "day";
    public override string HelpKey => "Help.MeetingChange";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["day"] = CommonSteps.WeekDay<Draft>((d, day) => d.Day = day, "time"),
        ["time"] = CommonSteps.TimeOfDay<Draft>("GroupNew.AskTime", async (turn, d, time, ct) =>
        {
            var group = await turn.Db.Groups.SingleAsync(g => g.Id == d.GroupId, ct);
            group.MeetingDay = d.Day!.Value;
            group.MeetingTime = time;
            turn.Audit("change-schedule", "group", group.Id, $"{group.MeetingDay} {time}");
            turn.AfterCommit(c => scheduler.ScheduleGroupAsync(group, c));
            turn.Say(turn.T("Schedule.Changed", group.Name, Format.Day(turn.Language, group.MeetingDay), Format.Time(turn.Language, time)));
            return Next.Done;
        }),
    };
}

/// <summary>"pertemuan libur 11/12": skip a week (a holiday). No reminders go out for it.</summary>
public sealed class SkipMeetingCommand(MeetingSchedule schedule, Broadcast broadcast) : ICommand
{
    public CommandInfo Info { get; } = new("meeting.skip", ["pertemuan libur", "meeting skip"], Audience.Officer, "Menu.MeetingSkip");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, "pertemuan libur", ct) is not (var group, var rest))
        {
            return;
        }

        MeetingSchedule.Occurrence? occurrence;
        if (rest.Length == 0)
        {
            occurrence = await schedule.NextAsync(turn.Db, group, ct);
        }
        else if (DateParser.TryParse(rest, turn.Clock.Today, DateLean.Future, out var date) && date >= turn.Clock.Today)
        {
            occurrence = await schedule.OnAsync(turn.Db, group, date, ct);
        }
        else
        {
            turn.Say(turn.T("Schedule.SkipExample"));
            return;
        }

        if (occurrence is null)
        {
            turn.Say(turn.T("Schedule.NoMeetingThatDay"));
            return;
        }

        var meeting = MeetingSchedule.Materialize(turn.Db, occurrence, turn.Clock.UtcNow);
        meeting.Skip();
        await turn.Db.SaveChangesAsync(ct);
        turn.Audit("skip", "meeting", meeting.Id, $"group {group.Id}");

        // Whoever was already reminded of it hears that it is off.
        var reminded = $"meeting:{group.Id}:{occurrence.Date:yyyyMMdd}:";
        var chats = await turn.Db.Outbox.Where(o => o.DeliveryKey != null && o.DeliveryKey.StartsWith(reminded))
            .Select(o => new { o.Channel, o.ChatId }).Distinct().ToListAsync(ct);
        var languages = await turn.Db.ChatIdentities.Where(i => chats.Select(c => c.ChatId).Contains(i.Address))
            .Select(i => new { i.Channel, i.Address, i.Person!.Language }).ToListAsync(ct);
        string LanguageOf(string channel, string chat) => languages.FirstOrDefault(l => l.Channel == channel && l.Address == chat)?.Language ?? "id";
        await broadcast.SendAsync(turn.Db, [.. chats.Select(c => new Recipient.Chat(c.Channel, c.ChatId, LanguageOf(c.Channel, c.ChatId)))],
            c => $"skip:{group.Id}:{occurrence.Date:yyyyMMdd}:{c.Channel}:{c.ChatId}",
            c => OutgoingMessage.Plain(turn.Texts.Get(c.Language, "Schedule.SkippedNotice", group.Name, Format.Date(c.Language, occurrence.Date))), ct);
        turn.Say(turn.T("Schedule.Skipped", group.Name, Format.Date(turn.Language, occurrence.Date)));
    }
}

/// <summary>"pertemuan tambah": a one-off extra meeting on a date and time, with its own reminders.</summary>
public sealed class ExtraMeetingCommand(ExtraMeetingFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("meeting.extra", ["pertemuan tambah", "meeting add"], Audience.Officer, "Menu.MeetingExtra");

    public Task RunAsync(Turn turn, string args, CancellationToken ct) =>
        GroupRefs.StartForGroupAsync(turn, args, "pertemuan tambah", flow, g => new ExtraMeetingFlow.Draft { GroupId = g.Id }, ct);
}

public sealed class ExtraMeetingFlow(ReminderScheduler scheduler) : Flow<ExtraMeetingFlow.Draft>
{
    public sealed class Draft
    {
        public long GroupId { get; set; }
        public DateOnly? Date { get; set; }
    }

    public override string Name => "meeting.extra";
    public override string FirstStep => "date";
    public override string HelpKey => "Help.MeetingChange";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["date"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Schedule.AskDate"));
                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) =>
            {
                if (!DateParser.TryParse(a.Text, turn.Clock.Today, DateLean.Future, out var date))
                {
                    return Next.Retry(turn.T("Schedule.DateRetry"));
                }

                if (date < turn.Clock.Today)
                {
                    return Next.Retry(turn.T("Schedule.DatePast"));
                }

                if (await turn.Db.Meetings.AnyAsync(m => m.GroupId == d.GroupId && m.Date == date && m.Status != MeetingStatus.Cancelled, ct))
                {
                    return Next.Retry(turn.T("Schedule.AlreadyMeeting"));
                }

                d.Date = date;
                return Next.GoTo("time");
            },
        },
        ["time"] = CommonSteps.TimeOfDay<Draft>("GroupNew.AskTime", async (turn, d, time, ct) =>
        {
            var group = await turn.Db.Groups.SingleAsync(g => g.Id == d.GroupId, ct);
            var meeting = await turn.Db.Meetings.SingleOrDefaultAsync(m => m.GroupId == d.GroupId && m.Date == d.Date, ct);
            if (meeting is null)
            {
                meeting = Meeting.Plan(d.GroupId, d.Date!.Value, time, turn.Clock.UtcNow);
                turn.Db.Meetings.Add(meeting);
            }
            else
            {
                meeting.Reschedule(time);
            }

            await turn.Db.SaveChangesAsync(ct);
            turn.Audit("extra-meeting", "meeting", meeting.Id, $"group {group.Id}");
            turn.AfterCommit(c => scheduler.ScheduleExtraMeetingAsync(meeting, c));
            turn.Say(turn.T("Schedule.ExtraAdded", group.Name, Format.Date(turn.Language, meeting.Date), Format.Time(turn.Language, time)));
            return Next.Done;
        }),
    };
}

/// <summary>"pengingat jeda" / "pengingat lanjut": stop and restart a group's meeting reminders.</summary>
public abstract class RemindersSwitchCommand(Action<Group> change, string words, string audit, string replyKey) : ICommand
{
    public abstract CommandInfo Info { get; }

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, words, ct) is { Group: var group })
        {
            change(group);
            turn.Audit(audit, "group", group.Id);
            turn.Say(turn.T(replyKey, group.Name));
        }
    }
}

public sealed class PauseRemindersCommand() : RemindersSwitchCommand(g => g.PauseReminders(), "pengingat jeda", "pause-reminders", "Schedule.Paused")
{
    public override CommandInfo Info { get; } = new("reminders.pause", ["pengingat jeda", "reminders pause"], Audience.Officer, "Menu.RemindersPause");
}

public sealed class ResumeRemindersCommand() : RemindersSwitchCommand(g => g.ResumeReminders(), "pengingat lanjut", "resume-reminders", "Schedule.Resumed")
{
    public override CommandInfo Info { get; } = new("reminders.resume", ["pengingat lanjut", "reminders resume"], Audience.Officer, "Menu.RemindersResume");
}
