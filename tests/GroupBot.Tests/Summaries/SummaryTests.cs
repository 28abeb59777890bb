using System.Globalization;
using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.Minutes;
using GroupBot.People;
using GroupBot.Savings;
using GroupBot.Summaries;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GroupBot.Tests.Summaries;

/// <summary>
/// A seeded week (Monday 30 Nov – Sunday 6 Dec 2026, ISO 2026-W49), checked against figures worked
/// out by hand. The clock is Monday 7 December, 08.00 WIB, so "ringkasan lalu" is that week.
/// Mungo: Melati (savings, 4 members; met Fri 4 Dec, 3 present; report v1 then a corrected v2 with a
/// cash mismatch; met Fri 27 Nov, 4 present) and Mawar (savings, 2 members; no meeting).
/// Ampalu: Kenanga (religious, 2 members; met Wed 2 Dec, 1 present; minutes).
/// </summary>
public sealed class SummaryTests
{
    private static readonly DateTimeOffset MondayMorning = new(2026, 12, 7, 8, 0, 0, TimeSpan.FromHours(7));

    private static async Task<BotHost> SeededAsync(DateTimeOffset? now = null)
    {
        var bot = await BotHost.StartAsync(time: new FakeTimeProvider(now ?? MondayMorning));
        await bot.DbAsync(async db =>
        {
            var mungo = new Village { Name = "Mungo" };
            var ampalu = new Village { Name = "Ampalu" };
            Group G(Village v, string name, GroupKind kind) => new() { Village = v, Name = name, Kind = kind, MeetingDay = DayOfWeek.Friday, MeetingTime = new TimeOnly(14, 0) };
            var (melati, mawar, kenanga) = (G(mungo, "Melati", GroupKind.SavingsLoan), G(mungo, "Mawar", GroupKind.SavingsLoan), G(ampalu, "Kenanga", GroupKind.Religious));
            var p = Enumerable.Range(0, 8).Select(i => new Person { Name = $"Ibu {(char)('A' + i)}" }).ToArray();
            db.Memberships.AddRange(
                new Membership { Person = p[0], Group = melati, Role = MemberRole.Leader }, new Membership { Person = p[1], Group = melati },
                new Membership { Person = p[2], Group = melati }, new Membership { Person = p[3], Group = melati },
                new Membership { Person = p[4], Group = mawar, Role = MemberRole.Leader }, new Membership { Person = p[5], Group = mawar },
                new Membership { Person = p[6], Group = kenanga, Role = MemberRole.Leader }, new Membership { Person = p[7], Group = kenanga });
            await db.SaveChangesAsync();

            Meeting M(Group g, DateOnly date, params Person[] present)
            {
                var m = Meeting.Plan(g.Id, date, new TimeOnly(14, 0), default);
                m.Hold();
                m.Attendance.AddRange(present.Select(x => AttendanceRecord.SelfReported(x.Id, AttendanceStatus.Present, default)));
                return m;
            }

            var week = M(melati, new DateOnly(2026, 12, 4), p[0], p[1], p[2]);
            var before = M(melati, new DateOnly(2026, 11, 27), p[0], p[1], p[2], p[3]);
            var religious = M(kenanga, new DateOnly(2026, 12, 2), p[6]);
            db.Meetings.AddRange(week, before, religious);
            await db.SaveChangesAsync();
            SavingsReport R(Meeting m, int v, long savings, long outstanding, long repaid, long fines, long cash, bool mismatch) => new()
            {
                MeetingId = m.Id,
                GroupId = melati.Id,
                Version = v,
                Savings = savings,
                LoansDisbursed = 0,
                Repayments = repaid,
                FinesAndSocial = fines,
                LoansOutstanding = outstanding,
                CashBalance = cash,
                CashMismatch = mismatch,
                MembersSaved = 3,
            };
            db.SavingsReports.AddRange(
                R(before, 1, 200_000, 1_000_000, 0, 0, 1_000_000, false),
                R(week, 1, 250_000, 900_000, 100_000, 20_000, 1_300_000, false),
                R(week, 2, 300_000, 900_000, 100_000, 20_000, 1_350_000, true));
            db.Minutes.Add(new MeetingMinutes { MeetingId = religious.Id, GroupId = kenanga.Id, Version = 1, Topics = "Kajian", Decisions = "-", Present = 1, Members = 2 });
            return await db.SaveChangesAsync();
        });
        return bot;
    }

    [Fact]
    public async Task Last_weeks_summary_matches_the_figures_worked_out_by_hand()
    {
        await using var bot = await SeededAsync();

        var text = await bot.TextAsync("admin", "ringkasan lalu");

        // Grades over the 8 weeks to Sunday 6 Dec (8 Fridays, from 16 Oct): Melati met 2 times (4 and 3 of 4
        // present: 88 %), 250.000 saved a meeting in the last 4 weeks against none before, no minutes: 2 of 5 = 40 % = C.
        // Mawar never met: meetings, savings, planning all missed, 0 % = D. Kenanga (religious, no
        // savings criterion) met once, 1 of 2 present, minutes but no report: 0 of 4 = D.
        Assert.Equal(
            """
            Ringkasan minggu 2026-W49 (30 Nov – 6 Des 2026)
            ⚠ Perlu perhatian:
            • Mawar (Mungo): tidak ada pertemuan
            • Melati (Mungo): kas tidak cocok

            Nilai kelompok (terendah dulu):
            • D Kenanga: pertemuan 1/8; kehadiran 50%; laporan/notulen 0/1; belum ikut perencanaan desa
            • D Mawar: pertemuan 0/8; simpanan Rp 0/pertemuan (sebelumnya Rp 0); belum ikut perencanaan desa
            • C Melati: pertemuan 2/8; laporan/notulen 0/2; belum ikut perencanaan desa

            Ampalu – 1 kelompok
            • Kenanga: hadir 1/2 (50%), notulen ✓ laporan ✗
            Total Ampalu: bertemu 1/1 kelompok, hadir 1/2 (50%), simpanan Rp 0 (total Rp 0)

            Mungo – 2 kelompok
            • Mawar: tidak ada pertemuan
            • Melati: hadir 3/4 (75%), simpanan Rp 300.000 (total Rp 500.000) ▲, sisa pinjaman Rp 900.000, angsuran Rp 100.000, denda/sosial Rp 20.000, notulen ✗ laporan ✓ ⚠
            Total Mungo: bertemu 1/2 kelompok, hadir 3/4 (75%), simpanan Rp 300.000 (total Rp 500.000)

            Total semua: bertemu 2/3 kelompok, hadir 4/6 (67%), simpanan Rp 300.000 (total Rp 500.000)
            Kehadiran 67%, rata-rata simpanan per penabung Rp 100.000, dana pinjaman terpakai 40%, anggota aktif 4 minggu 63%
            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public async Task The_builder_uses_the_newest_report_version_and_counts_cumulative_savings()
    {
        await using var bot = await SeededAsync();
        var builder = (SummaryBuilder)bot.Services.GetService(typeof(SummaryBuilder))!;
        var summary = await bot.DbAsync(async db => await builder.BuildAsync(db, await db.Groups.Select(g => g.Id).ToListAsync(), new DateOnly(2026, 11, 30), default));

        var melati = summary.Groups.Single(g => g.Group == "Melati");
        Assert.Equal((300_000L, 500_000L, 900_000L, 1_350_000L, true, 75), (melati.Savings, melati.CumulativeSavings, melati.LoansOutstanding!.Value, melati.CashBalance!.Value, melati.CashMismatch, melati.AttendancePercent!.Value));
        Assert.False(summary.Groups.Single(g => g.Group == "Mawar").Held);
    }

    [Fact]
    public async Task Cumulative_savings_count_from_the_groups_cycle_start()
    {
        await using var bot = await SeededAsync();
        var melati = await bot.DbAsync(db => db.Groups.Where(g => g.Name == "Melati").Select(g => g.Id).SingleAsync());

        var set = await bot.TextAsync("admin", $"siklus #{melati} 1/12/2026");
        var text = await bot.TextAsync("admin", "ringkasan lalu");

        Assert.Equal("Siklus simpanan Melati mulai Selasa, 1 Desember 2026. Total simpanan dihitung dari tanggal itu.", set);
        Assert.Contains("simpanan Rp 300.000 (total Rp 300.000)", text, StringComparison.Ordinal); // the 27 Nov report is before the cycle
    }

    [Theory]
    [InlineData(6, 23, 30, "2026-W49")] // Sunday 23.30 WIB is still that week (16.30 UTC)
    [InlineData(7, 0, 30, "2026-W50")] // Monday 00.30 WIB is the next week, though UTC still says Sunday
    public async Task Weeks_run_Monday_to_Sunday_in_local_time(int day, int hour, int minute, string week)
    {
        await using var bot = await SeededAsync(new DateTimeOffset(2026, 12, day, hour, minute, 0, TimeSpan.FromHours(7)));
        Assert.StartsWith($"Ringkasan minggu {week}", await bot.TextAsync("admin", "ringkasan"));
    }

    [Theory]
    [InlineData("ringkasan lalu Mungo")]
    [InlineData("ringkasan Mungo lalu")]
    [InlineData("ringkasan 2026-W49 Mungo")]
    public async Task A_week_and_a_village_can_come_in_either_order(string command)
    {
        await using var bot = await SeededAsync();
        var text = await bot.TextAsync("admin", command);
        Assert.StartsWith("Ringkasan minggu 2026-W49", text);
        Assert.Contains("Melati", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Kenanga", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Impossible_weeks_are_not_weeks()
    {
        Assert.Null(Weeks.Parse("0000-w01", new DateOnly(2026, 12, 7)));
        Assert.Null(Weeks.Parse("2026-w60", new DateOnly(2026, 12, 7)));
    }

    [Fact]
    public async Task An_empty_week_lists_every_group_as_not_met()
    {
        await using var bot = await SeededAsync();
        var text = await bot.TextAsync("admin", "ringkasan 2026-W45");
        Assert.Contains("• Mawar (Mungo): tidak ada pertemuan", text, StringComparison.Ordinal);
        Assert.Contains("Total semua: bertemu 0/3 kelompok, hadir 0/0 (0%), simpanan Rp 0 (total Rp 0)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facilitator_sees_only_her_village_and_a_leader_only_her_group()
    {
        await using var bot = await SeededAsync();
        var code = System.Text.RegularExpressions.Regex.Match(await bot.TextAsync("admin", "pendamping tambah Ampalu"), @": ([A-Z0-9]{6})\.").Groups[1].Value;
        await Scenario.JoinAsync(bot, "fitri", code, "Fitri");
        var codes = Scenario.Codes(await bot.TextAsync("admin", $"kode #{await bot.DbAsync(db => db.Groups.Where(g => g.Name == "Mawar").Select(g => g.Id).SingleAsync())}"));
        await Scenario.JoinAsync(bot, "ida", codes.Leader, "Ida");

        var facilitator = await bot.TextAsync("fitri", "ringkasan lalu");
        var leader = await bot.TextAsync("ida", "ringkasan lalu");
        var refused = await bot.TextAsync("fitri", "ringkasan Mungo");

        Assert.Contains("Kenanga", facilitator, StringComparison.Ordinal);
        Assert.DoesNotContain("Melati", facilitator, StringComparison.Ordinal);
        Assert.Contains("Mawar", leader, StringComparison.Ordinal);
        Assert.DoesNotContain("Melati", leader, StringComparison.Ordinal);
        Assert.DoesNotContain("Kenanga", leader, StringComparison.Ordinal);
        Assert.StartsWith("Nama desa atau kelompok tidak dikenal.", refused);
    }

    [Fact]
    public async Task The_export_csv_and_xlsx_hold_the_same_rows_and_parse_back()
    {
        await using var bot = await SeededAsync();
        var rows = await bot.DbAsync(async db => await Export.RowsAsync(db, await db.Groups.Select(g => g.Id).ToListAsync(), new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), default));
        var csv = Export.Csv(rows);
        var xlsx = await Export.XlsxAsync(rows, [], TestContext.Current.CancellationToken);

        Assert.Equal([0xEF, 0xBB, 0xBF], csv.Take(3));
        using var reader = new StreamReader(new MemoryStream(csv));
        using var parser = new CsvHelper.CsvReader(reader, CultureInfo.InvariantCulture);
        var parsed = parser.GetRecords<dynamic>().Select(r => (IDictionary<string, object>)r).ToList();
        Assert.Equal(3, parsed.Count);
        var melati = parsed.Single(r => (string)r["group"] == "Melati" && (string)r["meeting_date"] == "2026-12-04");
        Assert.Equal(("3", "4", "300000", "900000", "1350000", "2", "tidak"),
            ((string)melati["present"], (string)melati["members"], (string)melati["savings"], (string)melati["loans_outstanding"], (string)melati["cash_balance"], (string)melati["report_version"], (string)melati["minutes"]));

        var sheet = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(parsed.Select(r => r["group"] + "|" + r["meeting_date"] + "|" + r["savings"]),
            sheet.Select(r => r["group"] + "|" + r["meeting_date"] + "|" + r["savings"]));
    }

    [Fact]
    public async Task Ekspor_sends_two_documents_and_the_chart_is_a_png_of_the_expected_size()
    {
        await using var bot = await SeededAsync();

        var export = await bot.SayAsync("admin", "ekspor");
        var chart = await bot.DbAsync(async db =>
        {
            var builder = bot.Services.GetRequiredService<SummaryBuilder>();
            var ids = await db.Groups.Select(g => g.Id).ToListAsync();
            return await SummaryChart.RenderAsync(db, new Texts(), "id", await builder.BuildAsync(db, ids, new DateOnly(2026, 11, 30), default), ids, default);
        });
        var viaCommand = await bot.SayAsync("admin", "ringkasan grafik lalu");

        Assert.Equal(["3 pertemuan, Kamis, 1 Oktober 2026 – Kamis, 31 Desember 2026 (CSV).", "Data yang sama untuk Excel."], export.Select(r => r.Text));
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], chart.Take(4));
        Assert.Equal(SummaryChart.Width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(chart.AsSpan(16, 4)));
        Assert.Equal(SummaryChart.PanelHeight * 2, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(chart.AsSpan(20, 4)));
        Assert.Equal("Grafik minggu 2026-W49: kehadiran per kelompok dan simpanan 8 minggu.", Assert.Single(viaCommand).Text);
    }

    [Fact]
    public void A_summary_of_2000_groups_splits_at_group_boundaries_under_the_limit()
    {
        var groups = Enumerable.Range(1, 2000).Select(i => new GroupWeek(i, $"Kelompok {i}", $"Nagari {i % 7}", GroupKind.SavingsLoan,
            new DateOnly(2026, 12, 4), 20, 25, [80, 80, 80, 80], 250_000, 5_000_000, 4_000_000, 300_000, 20_000, 1_500_000, 20,
            true, true, i % 10 == 0, false, false, 22, 200_000)).ToList();

        var messages = SummaryText.Render(new Texts(), "id", new WeekSummary(new DateOnly(2026, 11, 30), groups), 50);

        Assert.True(messages.Count > 50);
        Assert.All(messages, m => Assert.True(m.Length < 4096, $"{m.Length} characters"));
        var lines = messages.SelectMany(m => m.Split('\n')).Where(l => l.StartsWith("• Kelompok ", StringComparison.Ordinal) && l.Contains(": hadir", StringComparison.Ordinal)).ToList();
        Assert.Equal(2000, lines.Count);
        Assert.Equal(2000, lines.Distinct().Count());
    }

    [Fact]
    public async Task On_Monday_morning_facilitators_get_last_weeks_summary()
    {
        await using var bot = await SeededAsync(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.FromHours(7)));
        var code = System.Text.RegularExpressions.Regex.Match(await bot.TextAsync("admin", "pendamping tambah Mungo"), @": ([A-Z0-9]{6})\.").Groups[1].Value;
        await Scenario.JoinAsync(bot, "fitri", code, "Fitri");

        // The schedule is written by a startup job of its own: on a loaded machine it may not be in
        // Quartz yet, and a trigger first written after the jump would wait for next Monday.
        var schedule = bot.Services.GetRequiredService<GroupBot.Scheduling.JobSchedule>();
        var written = Deadline.In(TimeSpan.FromSeconds(30));
        while (!await schedule.ExistsAsync(new Quartz.JobKey("monday-summary", GroupBot.Scheduling.JobSchedule.DailyGroup), TestContext.Current.CancellationToken) && !written.Passed)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 7, 0, 1, TimeSpan.FromHours(7)));
        var deadline = Deadline.In(TimeSpan.FromSeconds(30));
        IReadOnlyList<Reply> messages;
        do
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            messages = await bot.MessagesAsync("fitri");
        }
        while (!messages.Any(m => m.Text.StartsWith("Ringkasan minggu 2026-W49", StringComparison.Ordinal)) && !deadline.Passed);

        var summary = Assert.Single(messages, m => m.Text.StartsWith("Ringkasan minggu 2026-W49", StringComparison.Ordinal));
        Assert.Contains("Melati", summary.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Kenanga", summary.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_announcement_goes_to_the_chosen_audience_and_a_delivery_report_follows()
    {
        await using var bot = await SeededAsync();
        await bot.DbAsync(async db =>
        {
            foreach (var person in await db.People.Where(p => p.Name == "Ibu A" || p.Name == "Ibu B").ToListAsync())
            {
                db.ChatIdentities.Add(new ChatIdentity { Channel = "simulator", Address = person.Name.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant(), PersonId = person.Id });
            }

            return await db.SaveChangesAsync();
        });

        await bot.SayAsync("admin", "umumkan");
        await bot.SayAsync("admin", "Pertemuan besar di aula nagari hari Sabtu.");
        var audience = await bot.SayAsync("admin", "x");
        var target = await bot.ChooseAsync("admin", "aud:group");
        var confirm = await bot.ChooseAsync("admin", target[0].Choices.Single(c => c.Label.StartsWith("Melati", StringComparison.Ordinal)).Id);
        var sent = await bot.ChooseAsync("admin", "confirm:send");

        Assert.Equal("Pilih salah satu tombol.", audience[0].Text);
        Assert.Equal("Pengumuman:\nPertemuan besar di aula nagari hari Sabtu.\n\nAkan dikirim ke 4 orang. Kirim?", confirm[0].Text);
        Assert.Equal("Pengumuman dikirim ke 2 orang (2 tanpa akun chat). Laporan pengiriman menyusul 15 menit lagi.", sent[0].Text);
        Assert.Contains(await bot.MessagesAsync("ibua"), m => m.Text == "Pengumuman dari pendamping: Pertemuan besar di aula nagari hari Sabtu.");

        bot.Time.Advance(TimeSpan.FromMinutes(16));
        var deadline = Deadline.In(TimeSpan.FromSeconds(15));
        while (!(await bot.MessagesAsync("admin")).Any(m => m.Text.StartsWith("Laporan pengumuman", StringComparison.Ordinal)) && !deadline.Passed)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Contains(await bot.MessagesAsync("admin"), m => m.Text == "Laporan pengumuman: terkirim 2, gagal 0, menunggu orangnya menulis 0, masih antre 0.");
    }
}
