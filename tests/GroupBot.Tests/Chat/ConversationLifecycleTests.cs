using GroupBot.Chat;
using GroupBot.People;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Chat;

public sealed class ConversationLifecycleTests
{
    [Fact]
    public async Task An_idle_conversation_is_closed_by_the_sweeper_with_a_message()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.SayAsync("admin", "desa tambah Mungo");
        await bot.SayAsync("admin", "kelompok baru");

        bot.Time.Advance(TimeSpan.FromMinutes(31));

        var deadline = Deadline.In(TimeSpan.FromSeconds(20));
        IReadOnlyList<Reply> messages;
        do
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            bot.Time.Advance(TimeSpan.FromSeconds(1));
            messages = await bot.MessagesAsync("admin");
        }
        while (!messages[^1].Text.StartsWith("Percakapan tadi ditutup", StringComparison.Ordinal) && !deadline.Passed);

        Assert.StartsWith("Percakapan tadi ditutup karena lama tidak dijawab.", messages[^1].Text);
        Assert.Equal(0, await bot.DbAsync(db => db.Conversations.CountAsync()));
    }

    [Fact]
    public async Task A_restart_mid_flow_resumes_at_the_same_step_with_the_answers_so_far()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.SayAsync("admin", "desa tambah Mungo");
        await bot.SayAsync("admin", "kelompok baru");
        await bot.SayAsync("admin", "Melati");

        await using var restarted = await bot.RestartAsync();
        await restarted.SayAsync("admin", "usaha");
        await restarted.SayAsync("admin", "Kamis");
        await restarted.SayAsync("admin", "jam 2 siang");
        var created = await restarted.TextAsync("admin", "Rumah Bu Ani");

        Assert.StartsWith("Kelompok Melati di Mungo sudah dibuat. Pertemuan setiap Kamis jam 14.00.", created);
        var group = await restarted.DbAsync(db => db.Groups.SingleAsync());
        Assert.Equal(("Melati", GroupBot.People.GroupKind.Business, DayOfWeek.Thursday, new TimeOnly(14, 0), "Rumah Bu Ani"),
            (group.Name, group.Kind, group.MeetingDay, group.MeetingTime, group.Venue));
    }

    [Fact]
    public async Task After_a_restart_members_and_attendance_are_all_still_there()
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);
        await Scenario.JoinAsync(bot, "siti", codes.Member, "Siti");
        await Scenario.JoinAsync(bot, "ani", codes.Member, "Ani");
        bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.FromHours(7)));
        await bot.SayAsync("siti", "hadir");

        await using var restarted = await bot.RestartAsync();
        var ani = await restarted.TextAsync("ani", "hadir");
        var history = await restarted.MessagesAsync("siti");

        Assert.Equal("Tercatat: Hadir di pertemuan Melati. 2 dari 2 anggota hadir.", ani);
        Assert.Contains(history, m => m.Text.StartsWith("Tercatat: Hadir", StringComparison.Ordinal));
    }
}
