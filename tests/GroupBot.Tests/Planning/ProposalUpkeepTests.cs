using GroupBot.Chat;
using GroupBot.People;
using GroupBot.Planning;
using GroupBot.Summaries;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Planning;

/// <summary>Changing, joining, leaving and carrying proposals; the planning summary's warnings, the Monday summary and the chart. The clock starts Friday 4 December 2026, 07.00 WIB.</summary>
public sealed class ProposalUpkeepTests
{
    private const string Well = "Sumur bor untuk Jorong Koto";
    private const string Sewing = "Pelatihan menjahit untuk ibu-ibu";
    private const string Road = "Rabat beton jalan ke sawah";

    /// <summary>Melati in Mungo (Siti, Ani, leader Rina), Mawar in Mungo (leader Wati), Fitri facilitator of Mungo.</summary>
    private static async Task<BotHost> MungoAsync()
    {
        var bot = await Scenario.MelatiAsync();
        var mawar = await Scenario.CreateGroupAsync(bot, group: "Mawar");
        await Scenario.JoinAsync(bot, "wati", mawar.Leader, "Wati");
        await PlanningSteps.FacilitatorAsync(bot);
        return bot;
    }

    [Fact]
    public async Task A_leader_changes_one_part_of_a_proposal_and_its_place_in_the_order()
    {
        await using var bot = await MungoAsync();
        await PlanningSteps.ProposeAsync(bot, "rina", Well, "Pembangunan", "45 juta");
        await PlanningSteps.ProposeAsync(bot, "rina", Sewing, "Pemberdayaan", "12 juta");
        await PlanningSteps.ProposeAsync(bot, "rina", Road, "Pembangunan", "60 juta");

        var which = await bot.SayAsync("rina", "usulan ubah");
        Assert.Equal("Usulan mana?", which[^1].Text);
        var part = await bot.ChooseAsync("rina", which[^1].Choice(Sewing));
        Assert.Equal($"{Sewing}: apa yang diubah?", part[^1].Text);
        Assert.Equal(["Judul", "Bidang", "Lokasi", "Biaya", "Penerima manfaat", "Prioritas"], part[^1].Choices.Select(c => c.Label));
        Assert.Equal("Pilih yang diubah dengan tombol.", await bot.TextAsync("rina", "harganya"));
        Assert.Equal("Perkiraan biayanya berapa? Contoh: 45 juta", (await bot.ChooseAsync("rina", part[^1].Choice("Biaya")))[^1].Text);
        Assert.Equal("Jumlah uang tidak terbaca. Contoh: 50.000 atau 50rb atau 1,5 juta", await bot.TextAsync("rina", "mahal"));
        Assert.Equal($"Usulan {Sewing} sudah diubah.", await bot.TextAsync("rina", "15 juta"));

        // The road becomes the first: the others close up behind it.
        which = await bot.SayAsync("rina", "usulan ubah");
        part = await bot.ChooseAsync("rina", which[^1].Choice(Road));
        var priority = await bot.ChooseAsync("rina", part[^1].Choice("Prioritas"));
        Assert.Equal("Prioritas baru ke berapa? Ada 3 usulan. 1 = paling penting.", priority[^1].Text);
        Assert.Equal(["1", "2", "3"], priority[^1].Choices.Select(c => c.Label));
        Assert.Equal("Tulis angka 1 sampai 3, atau tekan tombol.", await bot.TextAsync("rina", "4"));
        await bot.ChooseAsync("rina", priority[^1].Choice("1"));

        Assert.Equal(
            $"Usulan Melati tahun 2026:\n1. {Road} (Pembangunan), Rp 60.000.000: diusulkan\n2. {Well} (Pembangunan), Rp 45.000.000: diusulkan\n3. {Sewing} (Pemberdayaan), Rp 15.000.000: diusulkan",
            (await bot.SayAsync("siti", "usulan"))[^1].Text);
        Assert.Equal(["created", "edited"], await bot.DbAsync(db => db.ProposalChanges.Where(c => db.Set<Proposal>().Any(p => p.Id == c.ProposalId && p.Title == Sewing))
            .OrderBy(c => c.Id).Select(c => c.Detail!).ToListAsync()));

        // Once discussed, a proposal stays as it was put to the village.
        var status = await bot.SayAsync("rina", "usulan status");
        status = await bot.ChooseAsync("rina", status[^1].Choice(Road));
        await bot.ChooseAsync("rina", status[^1].Choice("Tidak dibahas"));
        await bot.SayAsync("rina", "waktu habis");
        which = await bot.SayAsync("rina", "usulan ubah");
        Assert.Equal([Well, Sewing], which[^1].Choices.Select(c => c.Label));
        Assert.Equal("Maaf, perintah ini hanya untuk pengurus kelompok (ketua, bendahara, sekretaris) atau pendamping.", await bot.TextAsync("siti", "usulan ubah"));
    }

    [Fact]
    public async Task A_group_that_takes_back_a_joint_proposal_leaves_it_to_the_others()
    {
        await using var bot = await MungoAsync();
        await PlanningSteps.ProposeAsync(bot, "rina", Well, "Pembangunan", "45 juta");
        await PlanningSteps.ProposeAsync(bot, "wati", "Sumur bor bersama", "Pembangunan", "40 juta");
        var keep = await bot.SayAsync("fitri", "usulan gabung");
        var join = await bot.ChooseAsync("fitri", keep[^1].Choice($"{Well} (Melati)"));
        var joined = await bot.ChooseAsync("fitri", join[^1].Choice("Sumur bor bersama (Mawar)"));
        Assert.Equal(
            ["Sumur bor bersama digabung ke Sumur bor untuk Jorong Koto. Dibawa oleh: Mawar, Melati.", $"Usulan bersama {Well} dibawa oleh: Mawar, Melati. Tiap kelompok melihatnya di daftar usulannya."],
            joined.Select(r => r.Text));

        // Nothing left to join: a second facilitator's try says so.
        Assert.Equal("Belum ada dua usulan tahun ini di nagari itu yang bisa digabung. Ketik batal untuk berhenti.", await bot.TextAsync("fitri", "usulan gabung"));
        await bot.SayAsync("fitri", "batal");

        // Editing the joint proposal changes it for both groups, and says so.
        var edit = await bot.SayAsync("wati", "usulan ubah");
        edit = await bot.ChooseAsync("wati", edit[^1].Choice(Well));
        await bot.ChooseAsync("wati", edit[^1].Choice("Lokasi"));
        Assert.Equal($"Usulan {Well} sudah diubah, untuk semua kelompok yang membawanya: Mawar, Melati.", await bot.TextAsync("wati", "Jorong Koto Ateh"));

        var which = await bot.SayAsync("wati", "usulan status");
        var to = await bot.ChooseAsync("wati", which[^1].Choice(Well));
        Assert.Equal("Kelompok Anda tidak lagi membawa usulan Sumur bor untuk Jorong Koto. Kelompok lain tetap membawanya.", (await bot.ChooseAsync("wati", to[^1].Choice("Tarik usulan")))[^1].Text);

        Assert.Equal("Kelompok Mawar belum punya usulan tahun 2026. Catat usulan: ketik usulan tambah", (await bot.SayAsync("wati", "usulan"))[^1].Text);

        // Mawar's order closed up: its next proposal is its first.
        await bot.SayAsync("wati", "usulan tambah");
        var fields = await bot.SayAsync("wati", Road);
        await bot.ChooseAsync("wati", fields[^1].Choice("Pembangunan"));
        await bot.SayAsync("wati", "Jorong Koto");
        await bot.SayAsync("wati", "60 juta");
        var priorities = await bot.SayAsync("wati", "30 ibu dan 50 anak");
        Assert.Equal(["1"], priorities[^1].Choices.Select(c => c.Label));
        Assert.Equal($"Usulan Melati tahun 2026:\n1. {Well} (Pembangunan), Rp 45.000.000: diusulkan", (await bot.SayAsync("siti", "usulan"))[^1].Text);
        var rows = await bot.DbAsync(db => db.Proposals.OrderBy(p => p.Id).Select(p => new { p.Id, p.Title, p.Status, p.JoinedIntoId, Groups = p.Groups.Count }).ToListAsync());
        Assert.Equal((Well, ProposalStatus.Proposed, (long?)null, 1), (rows[0].Title, rows[0].Status, rows[0].JoinedIntoId, rows[0].Groups));
        Assert.Equal(("Sumur bor bersama", ProposalStatus.Joined, (long?)rows[0].Id, 1), (rows[1].Title, rows[1].Status, rows[1].JoinedIntoId, rows[1].Groups));
    }

    [Fact]
    public void Joining_and_leaving_keep_to_one_village_one_year_and_open_proposals()
    {
        var now = new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc);
        var a = Proposal.Create(1, 10, 1, 2026, Well, ProposalField.Development, "Koto", 45_000_000, "30 ibu", 7, now);
        var b = Proposal.Create(1, 20, 2, 2026, "Sumur", ProposalField.Development, "Koto", 40_000_000, "20 ibu", 7, now);
        var otherVillage = Proposal.Create(2, 30, 1, 2026, "Sumur", ProposalField.Development, "Koto", 1, "x", 7, now);
        var nextYear = Proposal.Create(1, 40, 1, 2027, "Sumur", ProposalField.Development, "Koto", 1, "x", 7, now);
        Assert.Throws<InvalidOperationException>(() => a.Absorb(otherVillage, 7, now));
        Assert.Throws<InvalidOperationException>(() => a.Absorb(nextYear, 7, now));
        Assert.Throws<InvalidOperationException>(() => a.Leave(10, 7, now));

        a.Absorb(b, 7, now);
        Assert.Equal([(10L, 1), (20L, 2)], a.Groups.Select(g => (g.GroupId, g.Priority)));
        Assert.Equal((ProposalStatus.Joined, false), (b.Status, b.Counts));
        Assert.Throws<InvalidOperationException>(() => a.Absorb(b, 7, now));

        a.Leave(20, 7, now);
        Assert.Equal([10L], a.Groups.Select(g => g.GroupId));
        a.Discuss(3, 7, now);
        var c = Proposal.Create(1, 20, 1, 2026, "Jalan", ProposalField.Development, "Koto", 1, "x", 7, now);
        Assert.Throws<InvalidOperationException>(() => a.Absorb(c, 7, now));
    }

    [Fact]
    public async Task Last_years_proposals_that_did_not_reach_the_budget_are_carried_in_one_step()
    {
        await using var bot = await MungoAsync();
        await PlanningSteps.ProposeAsync(bot, "rina", Well, "Pembangunan", "45 juta");
        await PlanningSteps.ProposeAsync(bot, "rina", Sewing, "Pemberdayaan", "12 juta");
        await PlanningSteps.ProposeAsync(bot, "rina", Road, "Pembangunan", "60 juta");
        var status = await bot.SayAsync("rina", "usulan status");
        status = await bot.ChooseAsync("rina", status[^1].Choice(Road));
        await bot.ChooseAsync("rina", status[^1].Choice("Ditolak"));
        await bot.SayAsync("rina", "dana tidak cukup");

        // In December, only the rejected road can go on already.
        var which = await bot.SayAsync("rina", "usulan lanjut");
        Assert.Equal([$"{Road} (2026)"], which[^1].Choices.Select(c => c.Label));
        await bot.SayAsync("rina", "batal");

        // January 2027: everything of 2026 that did not reach the budget, with "Semua".
        bot.Time.Advance(TimeSpan.FromDays(32));
        which = await bot.SayAsync("rina", "usulan lanjut");
        Assert.Equal([$"{Well} (2026)", $"{Sewing} (2026)", $"{Road} (2026)", "Semua"], which[^1].Choices.Select(c => c.Label));
        Assert.Equal("Pilih usulan dengan tombol, atau tekan Semua.", await bot.TextAsync("rina", "yang pertama"));
        var carried = await bot.ChooseAsync("rina", which[^1].Choice("Semua"));
        Assert.Equal($"{Well}, {Sewing}, {Road} dibawa ke tahun 2027, dengan status diusulkan.", carried[^1].Text);
        Assert.Equal("Tidak ada usulan yang bisa dibawa ke tahun berikutnya. Ketik batal untuk berhenti.", await bot.TextAsync("rina", "usulan lanjut"));
        await bot.SayAsync("rina", "batal");

        Assert.Equal(
            $"Usulan Melati tahun 2027:\n1. {Well} (Pembangunan), Rp 45.000.000: diusulkan\n2. {Sewing} (Pemberdayaan), Rp 12.000.000: diusulkan\n3. {Road} (Pembangunan), Rp 60.000.000: diusulkan",
            (await bot.SayAsync("siti", "usulan"))[^1].Text);
        var old = await bot.DbAsync(db => db.Proposals.Where(p => p.Year == 2026).OrderBy(p => p.Id).Select(p => new { p.Status, Last = p.Changes.OrderBy(c => c.Id).Last().Detail }).ToListAsync());
        Assert.All(old, o => Assert.Equal("carried to 2027", o.Last));
        Assert.Equal([ProposalStatus.Proposed, ProposalStatus.Proposed, ProposalStatus.Rejected], old.Select(o => o.Status));
    }

    [Fact]
    public async Task The_summary_warns_of_events_without_delegates_and_delegates_who_did_not_report()
    {
        await using var bot = await MungoAsync();
        await PlanningSteps.ProposeAsync(bot, "rina", Well, "Pembangunan", "45 juta");
        await PlanningSteps.AddEventAsync(bot, "Rembuk perempuan", "8 Desember");
        await PlanningSteps.AddEventAsync(bot, "Musrenbang Nagari", "15 Desember");

        var events = await bot.SayAsync("rina", "utusan");
        var pick = await bot.ChooseAsync("rina", events[^1].Choice("Rembuk perempuan 8/12"));
        pick = await bot.ChooseAsync("rina", pick[^1].Choice("Siti"));
        pick = await bot.ChooseAsync("rina", pick[^1].Choice("Ani"));
        await bot.ChooseAsync("rina", pick[^1].Choice("Selesai"));

        Assert.StartsWith(
            "Ringkasan perencanaan 2026\nPerlu perhatian:\n• Mawar (Mungo): belum ada usulan, Musrenbang Nagari Selasa, 15 Desember 2026\n" +
            "• Musrenbang Nagari Selasa, 15 Desember 2026 (Mungo): belum ada utusan\n\nNagari Mungo\nKelompok mengusulkan: 1 dari 2\n",
            await bot.TextAsync("fitri", "ringkasan perencanaan"));

        // Wednesday 9 December: the forum is over and neither delegate has said anything yet.
        bot.Time.Advance(TimeSpan.FromDays(5));
        Assert.Contains("• Rembuk perempuan Selasa, 8 Desember 2026 (Mungo): 2 utusan belum melapor: Ani, Siti\n", await bot.TextAsync("fitri", "ringkasan perencanaan"));
        Assert.Equal("Maaf, perintah ini hanya untuk pendamping dan admin.", await bot.TextAsync("rina", "ringkasan perencanaan"));
        Assert.Equal("Nagari itu tidak saya kenal. Nagari Anda: Mungo. Contoh: ringkasan perencanaan Mungo", await bot.TextAsync("fitri", "ringkasan perencanaan Ampalu"));

        var chart = await bot.SayAsync("fitri", "ringkasan perencanaan grafik");
        Assert.Equal("Grafik perencanaan 2026: usulan, masuk RKP, masuk APBNagari per nagari.", Assert.Single(chart).Text);
        var png = await bot.DbAsync(async db => PlanningChart.Render(new Texts(), "id", await PlanningSummaries.BuildAsync(db, await db.Villages.Select(v => v.Id).ToListAsync(), 2026, new DateOnly(2026, 12, 9), default)));
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png.Take(4));
        Assert.Equal(PlanningChart.Width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
    }

    [Fact]
    public async Task The_monday_summary_carries_the_planning_year_from_june_to_december_only()
    {
        await using var bot = await MungoAsync();
        await PlanningSteps.ProposeAsync(bot, "rina", Well, "Pembangunan", "45 juta");

        // Monday 7 December 2026, 05.00, before the weekly job's own hour: in season.
        bot.Time.Advance(TimeSpan.FromHours(70));
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MondaySummaries>().SendAsync(new DateOnly(2026, 12, 7), TestContext.Current.CancellationToken);
        }

        var december = await bot.DbAsync(async db => (await db.Outbox.Where(o => o.ChatId == "fitri" && o.DeliveryKey!.StartsWith("weekly:")).OrderBy(o => o.Id).ToListAsync()).Select(o => Outbox.Read(o).Text).ToList());
        Assert.StartsWith("Ringkasan perencanaan 2026\n\nNagari Mungo\nKelompok mengusulkan: 1 dari 2\nUsulan: 1: Pembangunan 1\n", december[^1]);

        Assert.True(PlanningSummaries.InSeason(new DateOnly(2027, 6, 7)));
        Assert.False(PlanningSummaries.InSeason(new DateOnly(2027, 5, 31)));
        Assert.False(PlanningSummaries.InSeason(new DateOnly(2027, 1, 4)));
    }
}
