using GroupBot.Attendance;
using GroupBot.Minutes;
using GroupBot.People;
using GroupBot.Savings;
using GroupBot.Tests.Planning;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Grades;

/// <summary>
/// Melati (Siti, Ani, Rina; Fridays 14.00) graded over four weeks (Grades:Weeks = 4, halves of two
/// weeks for savings), with a Musrenbang proposal of 2026. Its history before the bot's clock is
/// written straight into the database; what happens on the clock happens by chat.
/// </summary>
public sealed class GradeTests
{
    private static readonly Dictionary<string, string?> FourWeeks = new() { ["Grades:Weeks"] = "4" };

    /// <summary>A held meeting with <paramref name="present"/> of the three present, and (when given) a savings report and minutes.</summary>
    private static Task<int> SeedAsync(BotHost bot, DateOnly date, int present, long? savings, bool minutes, bool cancelled = false) => bot.DbAsync(async db =>
    {
        var group = await db.Groups.SingleAsync(g => g.Name == "Melati");
        var people = await db.Memberships.Where(m => m.GroupId == group.Id).OrderBy(m => m.PersonId).Select(m => m.PersonId).ToListAsync();
        var meeting = Meeting.Plan(group.Id, date, new TimeOnly(14, 0), default);
        if (cancelled)
        {
            meeting.Skip();
        }
        else
        {
            meeting.Hold();
            meeting.Attendance.AddRange(people.Take(present).Select(p => AttendanceRecord.SelfReported(p, AttendanceStatus.Present, default)));
        }

        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        if (savings is { } amount)
        {
            db.SavingsReports.Add(new SavingsReport
            {
                MeetingId = meeting.Id,
                GroupId = group.Id,
                Version = 1,
                Savings = amount,
                LoansDisbursed = 0,
                Repayments = 0,
                FinesAndSocial = 0,
                LoansOutstanding = 0,
                CashBalance = 1_000_000,
                MembersSaved = present,
            });
        }

        if (minutes)
        {
            db.Minutes.Add(new MeetingMinutes { MeetingId = meeting.Id, GroupId = group.Id, Version = 1, Topics = "Simpanan", Decisions = "-", Present = present, Members = 3 });
        }

        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_group_whose_grade_drops_and_recovers_hears_why_and_what_would_raise_it()
    {
        await using var bot = await Scenario.MelatiAsync(settings: FourWeeks);
        await PlanningSteps.ProposeAsync(bot, "rina", "Sumur bor untuk jorong", "Pembangunan", "15 juta");
        foreach (var day in new[] { 6, 13, 20, 27 })
        {
            await SeedAsync(bot, new DateOnly(2026, 11, day), present: 3, savings: 100_000, minutes: true);
        }

        // Friday 4 December, 07.00: the window is 7 Nov – 4 Dec; today's meeting is not held yet, so
        // 13, 20, 27 Nov were due and held, all three present, reported and minuted; savings
        // 100.000 a meeting in both halves; a 2026 proposal. 5 of 5: A.
        var top = await bot.TextAsync("rina", "nilai kelompok");
        Assert.Equal(
            "Nilai Melati (Mungo): A – 5 dari 5 syarat terpenuhi\n"
            + "✓ Pertemuan rutin: 3 dari 3 jadwal\n"
            + "✓ Kehadiran rata-rata 100% (target 75%)\n"
            + "✓ Laporan dan notulen: 3 dari 3 pertemuan\n"
            + "✓ Simpanan rata-rata per pertemuan, 2 minggu terakhir: Rp 100.000 (sebelumnya Rp 100.000)\n"
            + "✓ Ikut perencanaan desa 2026 (usulan atau delegasi)\n"
            + "Nilai tertinggi. Pertahankan!",
            top);

        // Two meetings with only Rina, no report, no minutes. Friday 18 December, 07.00: window
        // 21 Nov – 18 Dec; 27 Nov, 4 and 11 Dec held (3 of 3); present 3 + 1 + 1 of 9 = 56 %;
        // records 1 of 3 = 33 %; savings since 5 Dec none against 100.000. 2 of 5 = 40 %: C;
        // 4 of 5 = 80 % would be B, so two of the three misses must go.
        await SeedAsync(bot, new DateOnly(2026, 12, 4), present: 1, savings: null, minutes: false);
        await SeedAsync(bot, new DateOnly(2026, 12, 11), present: 1, savings: null, minutes: false);
        bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 18, 7, 0, 0, TimeSpan.FromHours(7)));
        var dropped = await bot.TextAsync("rina", "nilai kelompok");
        Assert.Equal(
            "Nilai Melati (Mungo): C – 2 dari 5 syarat terpenuhi\n"
            + "✓ Pertemuan rutin: 3 dari 3 jadwal\n"
            + "✗ Kehadiran rata-rata 56% (target 75%)\n"
            + "✗ Laporan dan notulen: 1 dari 3 pertemuan\n"
            + "✗ Simpanan rata-rata per pertemuan, 2 minggu terakhir: Rp 0 (sebelumnya Rp 100.000)\n"
            + "✓ Ikut perencanaan desa 2026 (usulan atau delegasi)\n"
            + "Untuk naik ke B, perbaiki 2 dari ini: ajak anggota hadir; kirim laporan (lapor) dan notulen tiap pertemuan; ajak anggota menabung tiap pertemuan.",
            dropped);
        Assert.True(dropped.Length < 600);

        // Back on track: 18 and 25 Dec full, reported, minuted; 1 Jan called off (New Year); on
        // 8 January all three come and Rina reports 150.000 by chat. Friday 8 January 2027, 17.00:
        // window 12 Dec – 8 Jan; 4 meeting days less 1 called off = 3, all held, all present;
        // savings 150.000 since 26 Dec against 100.000 before. In January last year's planning still counts.
        await SeedAsync(bot, new DateOnly(2026, 12, 18), present: 3, savings: 100_000, minutes: true);
        await SeedAsync(bot, new DateOnly(2026, 12, 25), present: 3, savings: 100_000, minutes: true);
        await SeedAsync(bot, new DateOnly(2027, 1, 1), present: 0, savings: null, minutes: false, cancelled: true);
        bot.Time.SetUtcNow(new DateTimeOffset(2027, 1, 8, 14, 30, 0, TimeSpan.FromHours(7)));
        foreach (var user in new[] { "siti", "ani", "rina" })
        {
            await bot.SayAsync(user, "hadir");
        }

        bot.Time.SetUtcNow(new DateTimeOffset(2027, 1, 8, 17, 0, 0, TimeSpan.FromHours(7)));
        await bot.SayAsync("rina", "lapor");
        foreach (var answer in new[] { "hari ini", "150rb", "0", "0", "lewati", "0", "1.150.000", "3" })
        {
            await bot.SayAsync("rina", answer);
        }

        Assert.StartsWith("Laporan Melati untuk Jumat, 8 Januari 2027 sudah disimpan.", await bot.TextAsync("rina", "simpan"));
        var meeting = await bot.DbAsync(db => db.Meetings.SingleAsync(m => m.Date == new DateOnly(2027, 1, 8)));
        await bot.DbAsync(db =>
        {
            db.Minutes.Add(new MeetingMinutes { MeetingId = meeting.Id, GroupId = meeting.GroupId, Version = 1, Topics = "Simpanan", Decisions = "-", Present = 3, Members = 3 });
            return db.SaveChangesAsync();
        });

        var recovered = await bot.TextAsync("rina", "nilai kelompok");
        Assert.Equal(
            "Nilai Melati (Mungo): A – 5 dari 5 syarat terpenuhi\n"
            + "✓ Pertemuan rutin: 3 dari 3 jadwal\n"
            + "✓ Kehadiran rata-rata 100% (target 75%)\n"
            + "✓ Laporan dan notulen: 3 dari 3 pertemuan\n"
            + "✓ Simpanan rata-rata per pertemuan, 2 minggu terakhir: Rp 150.000 (sebelumnya Rp 100.000)\n"
            + "✓ Ikut perencanaan desa 2026/2027 (usulan atau delegasi)\n"
            + "Nilai tertinggi. Pertahankan!",
            recovered);
    }

    [Fact]
    public async Task A_facilitator_sees_her_groups_worst_first_in_one_line_each()
    {
        await using var bot = await Scenario.MelatiAsync(settings: FourWeeks);
        await Scenario.CreateGroupAsync(bot, group: "Mawar");
        await PlanningSteps.FacilitatorAsync(bot);
        foreach (var day in new[] { 13, 20, 27 })
        {
            await SeedAsync(bot, new DateOnly(2026, 11, day), present: 2, savings: 50_000, minutes: day != 27);
        }

        // Melati: 3 of 3 held; present 6 of 9 = 67 %; records 2 of 3 = 67 %; savings 50.000 = 50.000;
        // no proposal: 2 of 5 = C. Mawar, new today: nothing due yet, no proposal: 0 of 1 = D.
        var list = await bot.TextAsync("fitri", "nilai kelompok");
        Assert.Equal(
            "Nilai kelompok (2 kelompok, terendah dulu):\n"
            + "• D Mawar (Mungo): belum ikut perencanaan desa\n"
            + "• C Melati (Mungo): kehadiran 67%; laporan/notulen 2/3; belum ikut perencanaan desa",
            list);

        var monday = await bot.TextAsync("fitri", "ringkasan");
        Assert.Contains("Nilai kelompok (terendah dulu):\n• D Mawar: belum ikut perencanaan desa\n• C Melati: kehadiran 67%; laporan/notulen 2/3; belum ikut perencanaan desa", monday);
    }

    [Fact]
    public async Task Six_criteria_all_missed_come_as_the_grade_and_then_the_advice_each_under_600_characters()
    {
        await using var bot = await BotHost.StartAsync(settings: FourWeeks);
        var codes = await Scenario.CreateGroupAsync(bot, group: "Melati", kind: "lainnya");
        await Scenario.JoinAsync(bot, "rina", codes.Leader, "Rina", language: "lang:en");
        await bot.SayAsync("rina", "business settings yes");
        await SeedAsync(bot, new DateOnly(2026, 11, 13), present: 0, savings: null, minutes: false);

        // 13 Nov held with nobody present (of 1), 20 and 27 Nov not held: meetings 1/3, attendance 0 %,
        // records 0/1, no savings, no business report, no proposal: 0 of 6 = D; 3 of 6 = 50 % = C.
        var replies = await bot.SayAsync("rina", "group health");
        Assert.Equal(2, replies.Count);
        Assert.StartsWith("Grade of Melati (Mungo): D – 0 of 6 criteria met\n✗ Regular meetings: 1 of 3 scheduled\n", replies[0].Text);
        Assert.StartsWith("To rise to C, fix 3 of these: meet as scheduled; bring members to the meetings;", replies[1].Text);
        Assert.All(replies, r => Assert.True(r.Text.Length < 600, $"{r.Text.Length} characters"));
    }
}
