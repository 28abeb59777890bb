using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.People;
using GroupBot.Scheduling;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace GroupBot.Summaries;

/// <summary>"umumkan": a facilitator writes an announcement, picks the audience, sees the count, confirms.</summary>
public sealed class AnnounceCommand(AnnounceFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("announce", ["umumkan", "announce"], Audience.Facilitator, "Menu.Announce");

    public Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        turn.Start(flow, new AnnounceFlow.Draft());
        return Task.CompletedTask;
    }
}

public sealed class AnnounceFlow(ISchedulerFactory schedulers, Texts texts, Broadcast broadcast) : Flow<AnnounceFlow.Draft>
{
    /// <summary>A WhatsApp template parameter holds one paragraph; keep announcements short.</summary>
    public const int MaxLength = 1000;

    /// <summary>The delivery report follows after this long.</summary>
    public static readonly TimeSpan ReportAfter = TimeSpan.FromMinutes(15);

    public sealed class Draft
    {
        public string Text { get; set; } = string.Empty;
        public string Audience { get; set; } = "all";
        public long? TargetId { get; set; }
    }

    public override string Name => "announce";
    public override string FirstStep => "text";
    public override string HelpKey => "Help.Announce";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["text"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Announce.AskText"));
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                var text = Words.Clean(a.Text);
                if (text.Length < 5 || text.Length > MaxLength || Words.HasNoWords(text))
                {
                    return Task.FromResult(Next.Retry(turn.T("Announce.TextRetry", MaxLength)));
                }

                d.Text = text;
                return Task.FromResult(Next.GoTo("audience"));
            },
        },
        ["audience"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Announce.AskAudience"),
                    [new Choice("aud:all", turn.T("Announce.All")), new Choice("aud:officers", turn.T("Announce.Officers")), new Choice("aud:village", turn.T("Announce.Village")), new Choice("aud:group", turn.T("Announce.Group"))]);
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                if (a.ChoiceId is not ("aud:all" or "aud:officers" or "aud:village" or "aud:group"))
                {
                    return Task.FromResult(Next.Retry(turn.T("Training.AudienceRetry")));
                }

                d.Audience = a.ChoiceId[4..];
                return Task.FromResult(Next.GoTo(d.Audience is "village" or "group" ? "target" : "confirm"));
            },
        },
        ["target"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var groups = await GroupRefs.OverseenAsync(turn, ct);
                var choices = d.Audience == "village"
                    ? groups.Select(g => g.Village!).DistinctBy(v => v.Id).Select(v => new Choice($"target:{v.Id}", v.Name))
                    : groups.Select(g => new Choice($"target:{g.Id}", GroupRefs.Label(g)));
                turn.Say(turn.T("Announce.AskTarget"), [.. choices.Take(GroupRefs.MaxPickChoices)]);
            },
            Answer = async (turn, d, a, ct) =>
            {
                var groups = await GroupRefs.OverseenAsync(turn, ct);
                if (a.ChoiceId is not { } id || !id.StartsWith("target:", StringComparison.Ordinal) || !long.TryParse(id[7..], out var target)
                    || !(d.Audience == "village" ? groups.Any(g => g.VillageId == target) : groups.Any(g => g.Id == target)))
                {
                    return Next.Retry(turn.T("Training.PickOne"));
                }

                d.TargetId = target;
                return Next.GoTo("confirm");
            },
        },
        ["confirm"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var people = await RecipientsAsync(turn, d, ct);
                turn.Say(turn.T("Announce.Confirm", d.Text, people.Count), [new Choice("confirm:send", turn.T("Button.Send")), new Choice("batal", turn.T("Button.Cancel"))]);
            },
            Answer = async (turn, d, a, ct) =>
            {
                if (a.Value is not ("confirm:send" or "kirim" or "ya" or "send"))
                {
                    return Next.Retry(turn.T("Announce.ConfirmRetry"));
                }

                await SendAsync(turn, d, ct);
                return Next.Done;
            },
        },
    };

    private static async Task<List<Recipient.Person>> RecipientsAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var groups = await GroupRefs.OverseenAsync(turn, ct);
        var ids = d.Audience switch
        {
            "village" => groups.Where(g => g.VillageId == d.TargetId).Select(g => g.Id).ToList(),
            "group" => groups.Where(g => g.Id == d.TargetId).Select(g => g.Id).ToList(),
            _ => groups.Select(g => g.Id).ToList(),
        };
        var officersOnly = d.Audience == "officers";
        var rows = await turn.Db.Memberships.Where(m => ids.Contains(m.GroupId) && (!officersOnly || m.Role != MemberRole.Member))
            .Select(m => new { m.PersonId, m.Person!.Language }).Distinct().ToListAsync(ct);
        return [.. rows.DistinctBy(r => r.PersonId).Select(r => new Recipient.Person(r.PersonId, r.Language))];
    }

    private async Task SendAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var db = turn.Db;
        var people = await RecipientsAsync(turn, d, ct);
        var key = $"announce:{Guid.NewGuid():N}";
        var queued = await broadcast.SendAsync(db, people, p => $"{key}:p{p.PersonId}",
            p => new OutgoingMessage { Text = texts.Get(p.Language, "Announce.Message", d.Text), Template = new TemplateRef(Templates.Announcement, p.Language, [d.Text]) }, ct);
        turn.Audit("announce", "announcement", 0, $"{key}: {queued} queued");
        var facilitator = turn.Message;
        turn.AfterCommit(async c =>
        {
            var scheduler = await schedulers.GetScheduler(c);
            var job = JobBuilder.Create<AnnouncementReportJob>().WithIdentity(key, "announcements")
                .UsingJobData("key", key).UsingJobData("channel", facilitator.Channel).UsingJobData("chat", facilitator.ChatId)
                .UsingJobData("language", turn.Language).Build();
            var trigger = TriggerBuilder.Create().ForJob(job).StartAt(new DateTimeOffset(turn.Clock.UtcNow + ReportAfter, TimeSpan.Zero)).Build();
            await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, c);
        });
        turn.Say(turn.T("Announce.Queued", queued, people.Count - queued));
    }
}

/// <summary>Tells the facilitator how her announcement went: sent, failed, waiting (WhatsApp window), still queued.</summary>
public sealed class AnnouncementReports(GroupBotDb db, Texts texts, Broadcast broadcast)
{
    /// <param name="key">The announcement's delivery key prefix ("announce:…").</param>
    /// <param name="channel">The facilitator's chat, where she asked for it.</param>
    public async Task SendAsync(string key, string channel, string chat, string language, CancellationToken ct)
    {
        var prefix = key + ":";
        var counts = await db.Outbox.Where(o => o.DeliveryKey != null && o.DeliveryKey.StartsWith(prefix))
            .GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        await broadcast.SendAsync(db, [new Recipient.Chat(channel, chat, language)], _ => $"{key}:report", r => OutgoingMessage.Plain(texts.Get(r.Language, "Announce.Report",
            counts.GetValueOrDefault(OutboxStatus.Sent), counts.GetValueOrDefault(OutboxStatus.Failed), counts.GetValueOrDefault(OutboxStatus.Waiting), counts.GetValueOrDefault(OutboxStatus.Pending))), ct);
    }
}

/// <summary><see cref="AnnounceFlow.ReportAfter"/> after an announcement: <see cref="AnnouncementReports"/>.</summary>
public sealed class AnnouncementReportJob(IServiceScopeFactory scopes, LocalClock clock, ILogger<AnnouncementReportJob> logger)
    : ScopedJob<AnnouncementReports>(scopes, clock, logger)
{
    protected override Task RunAsync(AnnouncementReports reports, JobDataMap data, Fired fired, CancellationToken ct) =>
        reports.SendAsync(data.GetString("key")!, data.GetString("channel")!, data.GetString("chat")!, data.GetString("language") ?? "id", ct);
}

public static class SummariesExtensions
{
    public static IHostApplicationBuilder AddSummaries(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<SummaryOptions>().BindConfiguration(SummaryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddSingleton<SummaryBuilder>();
        s.AddScoped<MondaySummaries>();
        s.AddScoped<AnnouncementReports>();
        s.AddScheduleSync<MondaySummarySchedule>();
        s.AddFlow<AnnounceFlow>();
        s.AddCommand<SummaryCommand>();
        s.AddCommand<ExportCommand>();
        s.AddCommand<AnnounceCommand>();
        s.AddCommand<CycleCommand>();
        return builder;
    }
}
