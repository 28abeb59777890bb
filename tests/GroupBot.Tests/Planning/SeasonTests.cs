using System.Text;
using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.People;
using GroupBot.Planning;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GroupBot.Tests.Planning;

/// <summary>
/// One whole planning season of the nagari Mungo, through the simulator, on the fake clock: the
/// calendar, the women's forum joining two groups' proposals, delegates, reminders, the Musrenbang
/// Nagari and the day after, the RKP, the APBNagari, the work done, the summary against last year,
/// the export, and a rejected proposal carried into the next year.
/// </summary>
public sealed class SeasonTests
{
    private const string Well = "Sumur bor untuk Jorong Koto";
    private const string WellToo = "Sumur bor Jorong Koto";
    private const string Sewing = "Pelatihan menjahit untuk ibu-ibu";
    private const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    private static void At(BotHost bot, int year, int month, int day, int hour = 8) =>
        bot.Time.Advance(new DateTimeOffset(year, month, day, hour, 0, 0, Wib) - bot.Time.GetUtcNow());

    private static async Task PickDelegateAsync(BotHost bot, string leader, string eventButton, string name)
    {
        var events = await bot.SayAsync(leader, "utusan");
        var pick = await bot.ChooseAsync(leader, events[^1].Choice(eventButton));
        pick = await bot.ChooseAsync(leader, pick[^1].Choice(name));
        await bot.ChooseAsync(leader, pick[^1].Choice("Selesai"));
    }

    private static async Task<int> RemindAsync(BotHost bot, int month, int day)
    {
        At(bot, 2027, month, day, 9);
        await using var scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlanningReminders>().SendAsync(new DateOnly(2027, month, day), TestContext.Current.CancellationToken);
    }

    private static Task<List<OutgoingMessage>> QueuedAsync(BotHost bot, string user, string keyPrefix) =>
        bot.DbAsync(async db => (await db.Outbox.Where(o => o.ChatId == user && o.DeliveryKey != null && o.DeliveryKey.StartsWith(keyPrefix)).OrderBy(o => o.Id).ToListAsync())
            .Select(Outbox.Read).ToList());

    [Fact]
    public async Task A_whole_season_from_the_calendar_to_the_work_done_and_the_next_year()
    {
        // Tuesday 1 June 2027, 07.00 WIB: the planning season opens.
        await using var bot = await Scenario.MelatiAsync(new FakeTimeProvider(new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        var mawar = await Scenario.CreateGroupAsync(bot, group: "Mawar");
        await Scenario.JoinAsync(bot, "wati", mawar.Leader, "Wati");
        await Scenario.JoinAsync(bot, "yuni", mawar.Member, "Yuni");
        await Scenario.CreateGroupAsync(bot, group: "Kenanga");
        await PlanningSteps.FacilitatorAsync(bot);

        // The calendar.
        await PlanningSteps.AddEventAsync(bot, "Rembuk perempuan", "12 Juni");
        await PlanningSteps.AddEventAsync(bot, "Musrenbang Nagari", "20 Agustus");
        Assert.Equal(
            "Jadwal perencanaan desa 2027:\nMungo:\n• Sabtu, 12 Juni 2027 jam 09.00: Rembuk perempuan, Aula Kantor Wali Nagari\n• Jumat, 20 Agustus 2027 jam 09.00: Musrenbang Nagari, Aula Kantor Wali Nagari",
            await bot.TextAsync("siti", "musrenbang"));

        // Proposals: Melati one, Mawar two (a well of its own first).
        await PlanningSteps.ProposeAsync(bot, "rina", Well, "Pembangunan", "45 juta");
        await PlanningSteps.ProposeAsync(bot, "wati", WellToo, "Pembangunan", "40 juta");
        await PlanningSteps.ProposeAsync(bot, "wati", Sewing, "Pemberdayaan", "12 juta");

        // Saturday 12 June, the women's forum: the two wells become one proposal carried by both groups.
        At(bot, 2027, 6, 12, 11);
        var keep = await bot.SayAsync("fitri", "usulan gabung");
        Assert.Equal("Usulan mana yang dipakai sebagai usulan bersama?", keep[^1].Text);
        Assert.Equal([$"{Well} (Melati)", $"{WellToo} (Mawar)", $"{Sewing} (Mawar)"], keep[^1].Choices.Select(c => c.Label));
        var join = await bot.ChooseAsync("fitri", keep[^1].Choice($"{Well} (Melati)"));
        Assert.Equal($"Usulan mana yang digabung ke {Well}? Tekan Selesai kalau sudah.", join[^1].Text);
        Assert.Equal([$"{WellToo} (Mawar)", $"{Sewing} (Mawar)", "Selesai"], join[^1].Choices.Select(c => c.Label));
        // Mawar carries the well now: its sewing course is its own, not another group's, so nothing is left to join.
        join = await bot.ChooseAsync("fitri", join[^1].Choice($"{WellToo} (Mawar)"));
        Assert.Equal(
            [$"{WellToo} digabung ke {Well}. Dibawa oleh: Mawar, Melati.", $"Usulan bersama {Well} dibawa oleh: Mawar, Melati. Tiap kelompok melihatnya di daftar usulannya."],
            join.Select(r => r.Text));
        Assert.Equal($"Usulan Mawar tahun 2027:\n1. {Well} (Pembangunan), Rp 45.000.000: diusulkan\n2. {Sewing} (Pemberdayaan), Rp 12.000.000: diusulkan",
            (await bot.SayAsync("yuni", "usulan"))[^1].Text);
        Assert.Equal($"Usulan Melati tahun 2027:\n1. {Well} (Pembangunan), Rp 45.000.000: diusulkan", (await bot.SayAsync("siti", "usulan"))[^1].Text);

        // Delegates for the Musrenbang Nagari: Siti for Melati, Yuni for Mawar.
        await PickDelegateAsync(bot, "rina", "Musrenbang Nagari 20/8", "Siti");
        await PickDelegateAsync(bot, "wati", "Musrenbang Nagari 20/8", "Yuni");

        // Friday 6 August, 14 days before: Kenanga has nothing yet, the forum had no delegate on the list (nobody to ask).
        At(bot, 2027, 8, 6);
        var attention = await bot.TextAsync("fitri", "ringkasan perencanaan");
        Assert.StartsWith("Ringkasan perencanaan 2027\nPerlu perhatian:\n• Kenanga (Mungo): belum ada usulan, Musrenbang Nagari Jumat, 20 Agustus 2027\n\nNagari Mungo\n", attention);

        // Reminders 7 days and 1 day before, with each group's own list.
        await RemindAsync(bot, 8, 13);
        Assert.Equal(
            $"Pengingat: Musrenbang Nagari seminggu lagi, Jumat, 20 Agustus 2027 jam 09.00 di Aula Kantor Wali Nagari.\nUsulan Mawar: 1. {Well}; 2. {Sewing}",
            Assert.Single(await QueuedAsync(bot, "yuni", "planning:")).Text);
        Assert.Equal(
            $"Pengingat: Musrenbang Nagari seminggu lagi, Jumat, 20 Agustus 2027 jam 09.00 di Aula Kantor Wali Nagari.\nUsulan Melati: 1. {Well}",
            Assert.Single(await QueuedAsync(bot, "siti", "planning:")).Text);
        await RemindAsync(bot, 8, 19);
        Assert.Equal(2, (await QueuedAsync(bot, "siti", "planning:")).Count);

        // Saturday 21 August, the day after: each delegate is asked about her group's proposals.
        await RemindAsync(bot, 8, 21);
        var siti = Assert.Single(await QueuedAsync(bot, "siti", "planning-outcome:"));
        Assert.Equal($"Bagaimana hasil usulan di Musrenbang Nagari?\n{Well} (Rp 45.000.000)", siti.Text);
        var answered = await bot.ChooseAsync("siti", siti.Choices.Single(c => c.Label == "Masuk RKP").Id);
        Assert.Equal([$"Usulan {Well}: masuk RKP Nagari. Tersimpan.", "Terima kasih, semua hasil usulan sudah tercatat."], answered.Select(r => r.Text));

        // Yuni was asked about the same well: Siti answered first; her next question still comes.
        var yuni = Assert.Single(await QueuedAsync(bot, "yuni", "planning-outcome:"));
        answered = await bot.ChooseAsync("yuni", yuni.Choices.Single(c => c.Label == "Masuk RKP").Id);
        Assert.Equal([$"Usulan {Well} sudah tercatat: masuk RKP Nagari. Ketua bisa mengubahnya dengan usulan status.", $"Bagaimana hasil usulan di Musrenbang Nagari?\n{Sewing} (Rp 12.000.000)"],
            answered.Select(r => r.Text));
        answered = await bot.ChooseAsync("yuni", answered[^1].Choice("Ditolak"));
        Assert.Equal([$"Usulan {Sewing}: ditolak: ditolak di Musrenbang Nagari. Tersimpan.", "Terima kasih, semua hasil usulan sudah tercatat."], answered.Select(r => r.Text));

        // Rina records the turnout: 40 women among 100 people.
        var held = await bot.SayAsync("rina", "utusan hadir");
        var went = await bot.ChooseAsync("rina", held[^1].Choice("Musrenbang Nagari 20/8"));
        await bot.ChooseAsync("rina", went[^1].Choice("Selesai"));
        await bot.SayAsync("rina", "40");
        Assert.Equal("Tercatat: 1 dari 1 utusan datang ke Musrenbang Nagari. Peserta: 40 perempuan dari 100 orang.", await bot.TextAsync("rina", "100"));

        // Thursday 30 September: the APBNagari draft holds the well at Rp 40.000.000.
        At(bot, 2027, 9, 30);
        var which = await bot.SayAsync("rina", "usulan status");
        var status = await bot.ChooseAsync("rina", which[^1].Choice(Well));
        await bot.ChooseAsync("rina", status[^1].Choice("Masuk APBNagari"));
        Assert.Equal($"Usulan {Well}: masuk APBNagari Rp 40.000.000. Tersimpan.", await bot.TextAsync("rina", "40 juta"));

        // The summary of the year, by hand: 2 of 3 groups proposed; the joint well counts once, so 2 proposals
        // (Pembangunan 1, Pemberdayaan 1); 1 reached the RKP and the APBNagari (Rp 40.000.000), none the DU-RKP;
        // 2 delegates chosen, both went (each reported back); women 40 of 100 = 40%.
        Assert.Equal(
            "Ringkasan perencanaan 2027\n\nNagari Mungo\nKelompok mengusulkan: 2 dari 3\nUsulan: 2: Pembangunan 1, Pemberdayaan 1\nMasuk RKP 1 · DU-RKP 0 · APBNagari 1\n" +
            "Dianggarkan: Rp 40.000.000\nUtusan: 2, hadir 2\nPerempuan di antara peserta: 40% (40 dari 100)",
            await bot.TextAsync("fitri", "ringkasan perencanaan 2027 Mungo"));

        // The export's proposals sheet holds every change made this season: 5 for the well (made, joined, discussed,
        // in the RKP, in the APBNagari), 2 for the one joined into it, 2 for sewing (made, rejected).
        var export = await bot.SayAsync("fitri", "ekspor 1/6/2027 - 31/12/2027");
        Assert.Equal(["0 pertemuan, Selasa, 1 Juni 2027 – Jumat, 31 Desember 2027 (CSV).", "9 perubahan usulan (CSV).", "Data yang sama untuk Excel."], export.Select(r => r.Text));
        var csv = await bot.DbAsync(async db => Encoding.UTF8.GetString(GroupBot.Summaries.Export.Csv(GroupBot.Summaries.Export.Sheets([], [], [], await ProposalExport.RowsAsync(db, bot.Services.GetRequiredService<LocalClock>(),
            await db.Groups.Select(g => g.Id).ToListAsync(), new DateOnly(2027, 6, 1), new DateOnly(2027, 12, 31), default))[^1])).TrimStart('\uFEFF').Split("\r\n"));
        Assert.Equal("village,groups,year,proposal_id,title,field,location,estimated_cost,beneficiaries,status_now,budgeted,changed_at,changed_by,from_status,to_status,amount,reason,detail", csv[0]);
        Assert.Equal($"Mungo,Mawar; Melati,2027,1,{Well},Development,Jorong Koto,45000000,30 ibu dan 50 anak,InBudget,40000000,2027-09-30 08:00,Rina,InWorkPlan,InBudget,40000000,,", csv[^2]);
        Assert.Equal(["Proposed", "Proposed", "Proposed", "Proposed", "Joined", "Discussed", "InWorkPlan", "Rejected", "InBudget"], csv[1..^1].Select(l => l.Split(',')[14]));

        // Monday 10 January 2028: Mawar carries the rejected sewing course into the new year; in July the well is built.
        At(bot, 2028, 1, 10);
        which = await bot.SayAsync("wati", "usulan lanjut");
        Assert.Equal("Usulan mana yang dibawa ke tahun berikutnya?", which[^1].Text);
        Assert.Equal([$"{Sewing} (2027)"], which[^1].Choices.Select(c => c.Label));
        Assert.Equal($"{Sewing} dibawa ke tahun 2028, dengan status diusulkan.", (await bot.ChooseAsync("wati", which[^1].Choice($"{Sewing} (2027)")))[^1].Text);
        Assert.Equal($"Usulan Mawar tahun 2028:\n1. {Sewing} (Pemberdayaan), Rp 12.000.000: diusulkan\n• Dari 2027: {Well}: masuk APBNagari Rp 40.000.000",
            (await bot.SayAsync("yuni", "usulan"))[^1].Text);

        At(bot, 2028, 7, 12);
        which = await bot.SayAsync("rina", "usulan status");
        status = await bot.ChooseAsync("rina", which[^1].Choice(Well));
        await bot.ChooseAsync("rina", status[^1].Choice("Terlaksana"));
        var built = await bot.PostAsync(new { user = "rina", photo = new { name = "sumur.png", caption = "Sumur sudah jadi", data = TinyPng } });
        Assert.Equal($"Usulan {Well}: terlaksana (Rp 40.000.000). Tersimpan.", built[^1].Text);

        // 2028 against 2027.
        var year2028 = await bot.TextAsync("fitri", "summary planning 2028");
        Assert.Contains("Kelompok mengusulkan: 1 dari 3 (2027: 2)\nUsulan: 1 (2027: 2): Pemberdayaan 1\nMasuk RKP 0 (2027: 1) · DU-RKP 0 (2027: 0) · APBNagari 0 (2027: 1)\nDianggarkan: Rp 0 (2027: Rp 40.000.000)", year2028);

        var history = await bot.DbAsync(db => db.ProposalChanges.Where(c => db.Set<Proposal>().Any(p => p.Id == c.ProposalId && p.Title == Well && p.Year == 2027))
            .OrderBy(c => c.Id).Select(c => c.ToStatus).ToListAsync());
        Assert.Equal([ProposalStatus.Proposed, ProposalStatus.Proposed, ProposalStatus.Discussed, ProposalStatus.InWorkPlan, ProposalStatus.InBudget, ProposalStatus.Done], history);
    }
}
