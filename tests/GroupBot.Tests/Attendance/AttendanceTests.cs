using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Attendance;

/// <summary>Melati meets on Fridays at 14.00 WIB; the clock starts Friday 4 December 2026, 07.00 WIB.</summary>
public class AttendanceTests
{
    private static Task<BotHost> GroupWithThreeMembersAsync() => Scenario.MelatiAsync();

    private static void AtWib(BotHost bot, int day, int hour, int minute = 0) =>
        bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, day, hour, minute, 0, TimeSpan.FromHours(7)));

    [Fact]
    public async Task Hadir_before_the_window_says_when_it_opens()
    {
        await using var bot = await GroupWithThreeMembersAsync();
        AtWib(bot, 4, 11, 59);

        var reply = await bot.TextAsync("siti", "hadir");

        Assert.Equal("Pertemuan Melati hari ini jam 14.00. Kehadiran bisa dicatat mulai jam 12.00.", reply);
        Assert.Equal(0, await bot.DbAsync(db => db.Attendance.CountAsync()));
    }

    [Fact]
    public async Task Hadir_twice_records_one_attendance_and_says_already_recorded()
    {
        await using var bot = await GroupWithThreeMembersAsync();
        AtWib(bot, 4, 12, 0);

        var first = await bot.TextAsync("siti", "Hadir");
        var second = await bot.TextAsync("siti", "/hadir");

        Assert.Equal("Tercatat: Hadir di pertemuan Melati. 1 dari 3 anggota hadir.", first);
        Assert.Equal("Sudah tercatat sebelumnya: Hadir. 1 dari 3 anggota hadir.", second);
        var rows = await bot.DbAsync(db => db.Attendance.Include(a => a.Meeting).ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal(new DateOnly(2026, 12, 4), row.Meeting!.Date);
        Assert.Equal(MeetingStatus.Held, row.Meeting.Status);
    }

    [Fact]
    public async Task The_count_grows_as_members_report_and_sakit_is_not_counted_present()
    {
        await using var bot = await GroupWithThreeMembersAsync();
        AtWib(bot, 4, 14, 5);

        await bot.SayAsync("siti", "hadir");
        var ani = await bot.TextAsync("ani", "SAKIT");
        var rina = await bot.TextAsync("rina", "present");

        Assert.Equal("Tercatat: Sakit di pertemuan Melati. 1 dari 3 anggota hadir.", ani);
        Assert.Equal("Tercatat: Hadir di pertemuan Melati. 2 dari 3 anggota hadir.", rina);
    }

    [Fact]
    public async Task Changing_from_izin_to_hadir_updates_the_one_record()
    {
        await using var bot = await GroupWithThreeMembersAsync();
        AtWib(bot, 4, 13, 0);

        await bot.SayAsync("siti", "izin");
        var changed = await bot.TextAsync("siti", "hadir");

        Assert.Equal("Diubah menjadi: Hadir di pertemuan Melati. 1 dari 3 anggota hadir.", changed);
        var row = Assert.Single(await bot.DbAsync(db => db.Attendance.ToListAsync()));
        Assert.Equal(AttendanceStatus.Present, row.Status);
    }

    [Fact]
    public async Task The_window_stays_open_24_hours_after_the_start_and_then_points_to_next_week()
    {
        await using var bot = await GroupWithThreeMembersAsync();

        AtWib(bot, 5, 13, 59); // Saturday, 23 h 59 min after Friday's start
        var late = await bot.TextAsync("siti", "hadir");
        AtWib(bot, 5, 14, 1); // just past 24 h
        var tooLate = await bot.TextAsync("ani", "hadir");

        Assert.StartsWith("Tercatat: Hadir di pertemuan Melati.", late);
        Assert.Equal("Hari ini tidak ada pertemuan. Pertemuan Melati berikutnya: Jumat, 11 Desember 2026 jam 14.00.", tooLate);
        var dates = await bot.DbAsync(db => db.Attendance.Select(a => a.Meeting!.Date).ToListAsync());
        Assert.Equal([new DateOnly(2026, 12, 4)], dates);
    }

    [Fact]
    public async Task Roll_call_marks_everyone_overrides_self_reports_and_is_audited()
    {
        await using var bot = await GroupWithThreeMembersAsync();
        AtWib(bot, 4, 14, 30);
        await bot.SayAsync("siti", "hadir");

        var first = await bot.SayAsync("rina", "absen");
        Assert.Equal("(1/3) Ani – hadir?", first[0].Text); // alphabetical: Ani, Rina, Siti
        var second = await bot.ChooseAsync("rina", first[0].Choice("Hadir"));
        var third = await bot.ChooseAsync("rina", second[0].Choice("Hadir"));
        var summary = await bot.ChooseAsync("rina", third[0].Choice("Izin")); // Siti said hadir, the leader says izin
        Assert.Contains("Hadir: 2 (Ani, Rina)", summary[0].Text);
        Assert.Contains("Izin: 1 (Siti)", summary[0].Text);
        var saved = await bot.ChooseAsync("rina", summary[0].Choice("Simpan"));
        var sitiAgain = await bot.TextAsync("siti", "hadir");

        Assert.Equal("Absen disimpan. 2 dari 3 anggota hadir.", saved[0].Text);
        Assert.Equal("Pengurus sudah mencatat Anda: Izin. Kalau salah, bicarakan dengan pengurus.", sitiAgain);
        var rows = await bot.DbAsync(db => db.Attendance.OrderBy(a => a.PersonId).ToListAsync());
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(AttendanceMethod.RollCall, r.Method));
        Assert.Equal(1, await bot.DbAsync(db => db.Audit.CountAsync(a => a.Action == "rollcall")));
    }

    [Fact]
    public async Task Roll_call_includes_members_without_phones_and_kembali_goes_back_one_member()
    {
        await using var bot = await GroupWithThreeMembersAsync();
        AtWib(bot, 4, 14, 30);
        await bot.SayAsync("rina", "anggota tambah Bu Wati");

        await bot.SayAsync("rina", "absen");
        await bot.SayAsync("rina", "h"); // Ani
        var back = await bot.TextAsync("rina", "kembali");
        await bot.SayAsync("rina", "sakit"); // Ani again
        await bot.SayAsync("rina", "hadir"); // Bu Wati
        await bot.SayAsync("rina", "hadir"); // Rina
        var summary = await bot.TextAsync("rina", "tidak"); // Siti

        Assert.Equal("(1/4) Ani – hadir?", back);
        Assert.Contains("Sakit: 1 (Ani)", summary);
        Assert.Contains("Hadir: 2 (Bu Wati, Rina)", summary);
        Assert.Contains("Tidak hadir: 1 (Siti)", summary);
    }

    [Fact]
    public async Task An_old_roll_call_button_cannot_mark_the_next_member()
    {
        await using var bot = await GroupWithThreeMembersAsync();
        AtWib(bot, 4, 14, 30);

        var ani = await bot.SayAsync("rina", "absen");
        await bot.SayAsync("rina", "h"); // Ani typed, her buttons still on screen
        var old = await bot.ChooseAsync("rina", ani[0].Choice("Sakit"));

        Assert.Equal("Tombol itu untuk anggota sebelumnya. Sekarang giliran Rina.", old[0].Text);
        Assert.Equal(["Hadir", "Izin", "Sakit", "Tidak hadir"], old[0].Choices.Select(c => c.Label));
        var state = await bot.DbAsync(db => db.Conversations.SingleAsync());
        Assert.Contains("\"index\":1", state.DraftJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leader_can_open_an_extra_meeting_on_another_day()
    {
        await using var bot = await GroupWithThreeMembersAsync();
        AtWib(bot, 8, 10, 0); // Tuesday

        var before = await bot.TextAsync("siti", "hadir");
        var started = await bot.TextAsync("rina", "pertemuan mulai");
        var after = await bot.TextAsync("siti", "hadir");

        Assert.StartsWith("Hari ini tidak ada pertemuan.", before);
        Assert.Equal("Pertemuan Melati dibuka jam 10.00. Anggota sekarang bisa ketik hadir.", started);
        Assert.Equal("Tercatat: Hadir di pertemuan Melati. 1 dari 3 anggota hadir.", after);
    }

    [Fact]
    public async Task A_member_of_two_groups_with_meetings_picks_the_group()
    {
        await using var bot = await BotHost.StartAsync();
        var melati = await Scenario.CreateGroupAsync(bot);
        var mawar = await Scenario.CreateGroupAsync(bot, group: "Mawar", time: "15.00");
        await Scenario.JoinAsync(bot, "siti", melati.Member, "Siti");
        await bot.SayAsync("siti", "mulai");
        Assert.Contains("Mawar", await bot.TextAsync("siti", mawar.Member));
        AtWib(bot, 4, 14, 0);

        var pick = await bot.SayAsync("siti", "hadir");
        var done = await bot.ChooseAsync("siti", pick[0].Choice("Mawar (Mungo)"));

        Assert.Equal("Untuk kelompok yang mana?", pick[0].Text);
        Assert.Equal("Tercatat: Hadir di pertemuan Mawar. 1 dari 1 anggota hadir.", done[0].Text);
    }
}
