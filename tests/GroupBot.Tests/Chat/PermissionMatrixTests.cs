using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.Groups;
using GroupBot.Minutes;
using GroupBot.People;
using GroupBot.Savings;
using GroupBot.Tests.Support;
using GroupBot.Trainings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GroupBot.Business.BusinessAudience;
using static GroupBot.Minutes.MinutesAudience;
using static GroupBot.People.Audience;
using static GroupBot.Savings.ReportAudience;
using static GroupBot.Tests.Chat.PermissionMatrixTests.Outcome;

namespace GroupBot.Tests.Chat;

/// <summary>
/// Every command the router knows, typed by every kind of person, in a bot with two villages full
/// of data. Each person is allowed or refused exactly as <see cref="Matrix"/> says, and nothing of a
/// village she has no business in (its name, its group, its people, amounts, minutes, trainings,
/// join codes) reaches her in any reply, button, document or caption.
/// One bot serves the whole class (<see cref="TwoVillages"/>); each cell cancels what it started.
/// </summary>
public partial class PermissionMatrixTests(PermissionMatrixTests.TwoVillages world) : IClassFixture<PermissionMatrixTests.TwoVillages>
{
    /// <summary>Who types. "Here" is Andaleh with its group Kenanga Sakato; the other village is Ampalu with Cempaka Ampek.</summary>
    public enum Role
    {
        /// <summary>Never joined anything.</summary>
        Unknown,
        Member,
        Leader,
        Treasurer,
        Secretary,

        /// <summary>Facilitator of Ampalu, the other village.</summary>
        OtherFacilitator,

        /// <summary>Facilitator of Andaleh, this group's village.</summary>
        Facilitator,
        Admin,
    }

    /// <summary>What the person hears. Everything but <see cref="Ok"/> is a refusal, with its exact text in <see cref="Texts"/>.</summary>
    public enum Outcome
    {
        Ok,

        // Refused by the command's audience (the router, before the command runs):
        NotJoined,
        NoMember,
        NoOfficer,
        NoReporter,
        NoMinuter,
        NoBookKeeper,
        NoFacilitator,
        NoAdmin,

        // Past the audience, refused by the command for that group, training or name:
        NotHerGroup,
        NotHerTraining,
        NoInvitation,
        UnknownName,
        NoDateRange,
    }

    private static readonly Dictionary<Outcome, string> Texts = new()
    {
        [NotJoined] = "Maaf, Anda belum terdaftar. Ketik mulai lalu masukkan kode kelompok dari ketua Anda.",
        [NoMember] = "Maaf, perintah ini untuk anggota kelompok. Ketik mulai untuk bergabung dengan kode kelompok.",
        [NoOfficer] = "Maaf, perintah ini hanya untuk pengurus kelompok (ketua, bendahara, sekretaris) atau pendamping.",
        [NoReporter] = "Maaf, laporan hanya bisa dikirim oleh ketua atau bendahara kelompok (atau pendamping).",
        [NoMinuter] = "Maaf, notulen hanya bisa ditulis oleh ketua atau sekretaris kelompok (atau pendamping).",
        [NoBookKeeper] = "Maaf, buku usaha hanya bisa diisi dan diatur oleh ketua atau bendahara kelompok (atau pendamping).",
        [NoFacilitator] = "Maaf, perintah ini hanya untuk pendamping dan admin.",
        [NoAdmin] = "Maaf, perintah ini hanya untuk admin.",
        [NotHerGroup] = "Maaf, Anda tidak bisa melakukan itu untuk kelompok tersebut.",
        [NotHerTraining] = "Maaf, Anda tidak bisa mengubah pelatihan itu.",
        [NoInvitation] = "Undangan itu tidak ditemukan. Ketik pelatihan untuk melihat undangan Anda.",
        [UnknownName] = "Nama desa atau kelompok tidak dikenal. Contoh: ringkasan, ringkasan lalu, ringkasan Mungo, ringkasan 2026-W47",
        [NoDateRange] = "Tulis rentang tanggal, contoh: ekspor 1/10/2026 - 31/12/2026 (tanpa tanggal: kuartal ini)",
    };

    private const string Crashed = "Maaf, ada gangguan di sistem. Coba lagi sebentar lagi.";

    /// <summary>Replies that are wrong for any command a person may use.</summary>
    private static readonly string[] NeverForAllowed =
    [
        Crashed,
        "Maaf, saya belum mengerti. Ketik bantuan untuk melihat menu, misalnya: hadir",
        "Perintah ini dipakai di chat pribadi dengan saya, bukan di grup.",
    ];

    public sealed record Row(string Typed, Audience Audience, IReadOnlyList<Outcome> ByRole);

    private static Row R(string typed, Audience audience, params Outcome[] byRole) => new(typed, audience, byRole);

    /// <summary>
    /// The design: one row per way of typing a command, and every command the router knows has at
    /// least one. {village} names the village the person has no business in.
    /// </summary>
    public static readonly IReadOnlyList<Row> Matrix =
    [
        //  typed                                  audience       unknown        member         leader         treasurer      secretary      fac. Ampalu    fac. Andaleh   admin
        R("mulai",                                 Anyone,        Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("bahasa",                                Anyone,        Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("bantuan",                               Anyone,        Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("batal",                                 Anyone,        Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok),

        R("hadir",                                 Member,        NotJoined,     Ok,            Ok,            Ok,            Ok,            NoMember,      NoMember,      NoMember),
        R("izin",                                  Member,        NotJoined,     Ok,            Ok,            Ok,            Ok,            NoMember,      NoMember,      NoMember),
        R("sakit",                                 Member,        NotJoined,     Ok,            Ok,            Ok,            Ok,            NoMember,      NoMember,      NoMember),
        R("pertemuan",                             Member,        NotJoined,     Ok,            Ok,            Ok,            Ok,            NoMember,      NoMember,      NoMember),
        R("laporan terakhir",                      Member,        NotJoined,     Ok,            Ok,            Ok,            Ok,            NoMember,      NoMember,      NoMember),
        R("usulan hasil",                          Member,        NotJoined,     Ok,            Ok,            Ok,            Ok,            NoMember,      NoMember,      NoMember),
        R("pelatihan jawab",                       Member,        NotJoined,     NoInvitation,  NoInvitation,  NoInvitation,  NoInvitation,  NoMember,      NoMember,      NoMember),
        R("tabunganku",                            Member,        NotJoined,     Ok,            Ok,            Ok,            Ok,            NoMember,      NoMember,      NoMember),
        R("buku",                                  Member,        NotJoined,     Ok,            Ok,            Ok,            Ok,            NoMember,      NoMember,      NoMember),
        R("salah",                                 Member,        NotJoined,     Ok,            Ok,            Ok,            Ok,            NoMember,      NoMember,      NoMember),

        R("dataku",                                Joined,        NotJoined,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("hapus data",                            Joined,        NotJoined,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("pelatihan",                             Joined,        NotJoined,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("usulan",                                Joined,        NotJoined,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("musrenbang",                            Joined,        NotJoined,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("usaha",                                 Joined,        NotJoined,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("laba",                                  Joined,        NotJoined,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("usaha grafik",                          Joined,        NotJoined,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("aturan",                                Joined,        NotJoined,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("pinjaman",                              Joined,        NotJoined,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("bagi hasil",                            Joined,        NotJoined,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok,            Ok),

        R("absen",                                 Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("pertemuan mulai",                       Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("pertemuan ubah",                        Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("pertemuan libur",                       Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("pertemuan tambah",                      Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("pengingat jeda",                        Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("pengingat lanjut",                      Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("usulan tambah",                         Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("usulan status",                         Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("usulan ubah",                           Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("usulan lanjut",                         Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("utusan",                                Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("utusan hadir",                          Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("lapor riwayat",                         Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("anggota",                               Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("anggota tambah Penyusup",               Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("kelompok",                              Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("kode",                                  Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("kode baru",                             Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("hubungkan",                             Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("siklus",                                Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("ringkasan",                             Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("ringkasan lalu",                        Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("ringkasan grafik",                      Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("nilai kelompok",                        Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("tunggakan",                             Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("setujui 1",                             Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("tolak 1",                               Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),
        R("salah beres 1",                         Officer,       NoOfficer,     NoOfficer,     Ok,            Ok,            Ok,            Ok,            Ok,            Ok),

        R("lapor",                                 ReportWriter,  NoReporter,    NoReporter,    Ok,            Ok,            NoReporter,    Ok,            Ok,            Ok),
        R("notulen",                               MinutesWriter, NoMinuter,     NoMinuter,     Ok,            NoMinuter,     Ok,            Ok,            Ok,            Ok),
        R("lapor usaha",                           BookKeeper,    NoBookKeeper,  NoBookKeeper,  Ok,            Ok,            NoBookKeeper,  Ok,            Ok,            Ok),
        R("usaha atur",                            BookKeeper,    NoBookKeeper,  NoBookKeeper,  Ok,            Ok,            NoBookKeeper,  Ok,            Ok,            Ok),

        R("ekspor",                                Facilitator,   NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, Ok,            Ok,            Ok),
        R("ekspor 1/1/2026 - 31/12/2026",          Facilitator,   NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, Ok,            Ok,            Ok),
        R("umumkan",                               Facilitator,   NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, Ok,            Ok,            Ok),
        R("desa",                                  Facilitator,   NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, Ok,            Ok,            Ok),
        R("kelompok baru",                         Facilitator,   NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, Ok,            Ok,            Ok),
        R("kelompok hapus",                        Facilitator,   NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, Ok,            Ok,            Ok),
        R("pelatihan baru",                        Facilitator,   NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, Ok,            Ok,            Ok),
        R("pelatihan ubah",                        Facilitator,   NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, Ok,            Ok,            Ok),
        R("pelatihan batal",                       Facilitator,   NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, Ok,            Ok,            Ok),
        R("musrenbang tambah",                     Facilitator,   NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, Ok,            Ok,            Ok),
        R("musrenbang ubah",                       Facilitator,   NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, Ok,            Ok,            Ok),
        R("usulan gabung",                         Facilitator,   NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, Ok,            Ok,            Ok),
        R("ringkasan perencanaan",                 Facilitator,   NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, Ok,            Ok,            Ok),
        R("ringkasan perencanaan grafik",          Facilitator,   NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, NoFacilitator, Ok,            Ok,            Ok),

        R("desa tambah Labuah Gunuang",            Admin,         NoAdmin,       NoAdmin,       NoAdmin,       NoAdmin,       NoAdmin,       NoAdmin,       NoAdmin,       Ok),
        R("pendamping tambah {village}",           Admin,         NoAdmin,       NoAdmin,       NoAdmin,       NoAdmin,       NoAdmin,       NoAdmin,       NoAdmin,       Ok),
    ];

    /// <summary>
    /// A command aimed at the other village: its group ({group} its id, {groupName}), village
    /// ({village}) or training ({training}). Refused as the bare command is (its <see cref="Matrix"/>
    /// row); where that is allowed, she hears <c>NotHers</c> (Ok: an answer about her own group, which
    /// must still show nothing of the other). A group named in full is never taken to mean her own. Admins oversee every village and hear <c>Admin</c>;
    /// null: the admin does not type it, as it would destroy what the other cells need.
    /// </summary>
    public static readonly IReadOnlyList<(string Typed, Outcome NotHers, Outcome? Admin)> AimedAtTheOtherVillage =
    [
        ("hadir #{group}",                         NotHerGroup,    NoMember),
        ("laporan terakhir #{group}",              NotHerGroup,    NoMember),
        ("laporan terakhir {groupName}",           NotHerGroup,    NoMember),
        ("lapor #{group}",                         NotHerGroup,    Ok),
        ("lapor riwayat #{group}",                 NotHerGroup,    Ok),
        ("lapor riwayat {groupName}",              NotHerGroup,    Ok),
        ("notulen #{group}",                       NotHerGroup,    Ok),
        ("absen #{group}",                         NotHerGroup,    Ok),
        ("anggota #{group}",                       NotHerGroup,    Ok),
        ("anggota {groupName}",                    NotHerGroup,    Ok),
        ("anggota tambah #{group} Penyusup Asing", NotHerGroup,    Ok),
        ("kelompok {village}",                     Ok,             Ok),
        ("dataku {village}",                       Ok,             Ok),
        ("kode #{group}",                          NotHerGroup,    Ok),
        ("kode baru #{group}",                     NotHerGroup,    Ok),
        ("kode baru {groupName}",                  NotHerGroup,    null),
        ("pertemuan mulai #{group}",               NotHerGroup,    Ok),
        ("pertemuan ubah #{group}",                NotHerGroup,    Ok),
        ("pertemuan libur #{group}",               NotHerGroup,    Ok),
        ("pertemuan tambah #{group}",              NotHerGroup,    Ok),
        ("pengingat jeda #{group}",                NotHerGroup,    Ok),
        ("pengingat lanjut #{group}",              NotHerGroup,    Ok),
        ("siklus #{group}",                        NotHerGroup,    Ok),
        ("siklus #{group} 1/11/2026",              NotHerGroup,    Ok),
        ("ringkasan #{group}",                     NotHerGroup,    Ok),
        ("ringkasan {village}",                    UnknownName,    Ok),
        ("ringkasan {groupName}",                  UnknownName,    Ok),
        ("ringkasan lalu {village}",               UnknownName,    Ok),
        ("ringkasan grafik #{group}",              NotHerGroup,    Ok),
        ("ringkasan grafik {village}",             UnknownName,    Ok),
        ("ekspor {village}",                       NoDateRange,    NoDateRange),
        ("musrenbang {village}",                   Ok,             Ok),
        ("usulan #{group}",                        NotHerGroup,    Ok),
        ("usulan {groupName}",                     NotHerGroup,    Ok),
        ("usulan tambah #{group}",                 NotHerGroup,    Ok),
        ("usulan status #{group}",                 NotHerGroup,    Ok),
        ("utusan #{group}",                        NotHerGroup,    Ok),
        ("utusan hadir #{group}",                  NotHerGroup,    Ok),
        ("usulan ubah #{group}",                   NotHerGroup,    Ok),
        ("usulan lanjut #{group}",                 NotHerGroup,    Ok),
        ("usulan gabung {village}",                Ok,             Ok),
        ("ringkasan perencanaan {village}",        Ok,             Ok),
        ("ringkasan perencanaan 2026 {village}",   Ok,             Ok),
        ("musrenbang 2026 {village}",              Ok,             Ok),
        ("lapor usaha #{group}",                   NotHerGroup,    Ok),
        ("usaha atur #{group}",                    NotHerGroup,    Ok),
        ("usaha #{group}",                         NotHerGroup,    Ok),
        ("usaha {village}",                        Ok,             Ok),
        ("usaha grafik #{group}",                  NotHerGroup,    Ok),
        ("nilai kelompok #{group}",                NotHerGroup,    Ok),
        ("nilai kelompok {village}",               Ok,             Ok),
        ("aturan #{group}",                        NotHerGroup,    Ok),
        ("pinjaman #{group}",                      NotHerGroup,    Ok),
        ("bagi hasil #{group}",                    NotHerGroup,    Ok),
        ("tabunganku #{group}",                    NotHerGroup,    NoMember),
        ("buku #{group}",                          NotHerGroup,    NoMember),
        ("tunggakan {village}",                    Ok,             Ok),
        ("kelompok hapus #{group}",                NotHerGroup,    Ok),
        ("kelompok hapus #{group} ya",             NotHerGroup,    null),
        ("pelatihan ubah #{training}",             NotHerTraining, Ok),
        ("pelatihan batal #{training}",            NotHerTraining, Ok),
        ("pelatihan batal #{training} ya",         NotHerTraining, null),
        ("pelatihan jawab {training} ya",          NoInvitation,   NoMember),
    ];

    private const string NotThisGroupsMeeting = "Pertemuan itu bukan milik kelompok ini. Pilih dari tombol, atau ketik tanggalnya.";
    private const string PickFromTheButtons = "Pilih minimal satu dari tombol.";

    /// <summary>
    /// Conversations, "command | answer | !button" ("!" presses the button with that id; answers go
    /// only when the command is allowed). The pickers on the way must offer only her own groups and
    /// villages, and the last button, which nobody was shown (forged or replayed), names the other
    /// village's meeting ({meeting}), group or village ({villageId}): it is asked again, never taken.
    /// The command is refused or allowed as its bare row says; admins may pick anything.
    /// </summary>
    public static readonly IReadOnlyList<(string Typed, string Reask)> ForgedButtons =
    [
        ("lapor | !meeting:{meeting}", NotThisGroupsMeeting),
        ("notulen | !meeting:{meeting}", NotThisGroupsMeeting),
        ("umumkan | Rapat akbar semua kelompok | !aud:group | !target:{group}", PickFromTheButtons),
        ("umumkan | Rapat akbar semua kelompok | !aud:village | !target:{villageId}", PickFromTheButtons),
        ("pelatihan baru | Pelatihan uji | 21-22 Desember | 09.00 | Balai uji | !aud:Groups | !pick:{group}", PickFromTheButtons),
        ("pelatihan baru | Pelatihan uji | 21-22 Desember | 09.00 | Balai uji | !aud:Villages | !pick:{villageId}", PickFromTheButtons),
    ];

    public static TheoryData<string, Role> MatrixCells() => Cells(Matrix.Select(r => r.Typed));

    public static TheoryData<string, Role> AimedCells() =>
        Cells(AimedAtTheOtherVillage.Select(a => a.Typed), typed => AimedAtTheOtherVillage.Single(a => a.Typed == typed).Admin is null);

    public static TheoryData<string, Role> ForgedCells() => Cells(ForgedButtons.Select(f => f.Typed));

    /// <summary>Every typed form by every role (the admin skips what would destroy what the other cells need).</summary>
    private static TheoryData<string, Role> Cells(IEnumerable<string> typed, Func<string, bool>? destructive = null)
    {
        var cells = new TheoryData<string, Role>();
        foreach (var text in typed)
        {
            foreach (var role in Enum.GetValues<Role>().Where(r => r != Role.Admin || destructive?.Invoke(text) != true))
            {
                cells.Add(text, role);
            }
        }

        return cells;
    }

    [Fact]
    public void Every_command_the_router_knows_has_a_row_and_each_row_runs_the_command_it_claims()
    {
        var router = world.Bot.Services.GetRequiredService<Router>();
        var covered = Matrix.Select(r => router.Find(Steps(r.Typed)[0])?.Command.Info.Name).OfType<string>().ToHashSet();

        Assert.Equal(router.Commands.Select(c => c.Info.Name).Order(), covered.Order());
        Assert.Equal(Enum.GetValues<Role>().Length, Matrix.Select(r => r.ByRole.Count).Distinct().Single());
        // Rows the router answers itself, not through a command: help and cancel.
        Assert.Equal(new[] { "bantuan", "batal" }, Matrix.Where(r => router.Find(r.Typed) is null).Select(r => r.Typed));
        foreach (var typed in AimedAtTheOtherVillage.Select(a => a.Typed).Concat(ForgedButtons.Select(f => f.Typed)))
        {
            Assert.True(BareRow(router, typed) is not null, $"'{typed}' has no bare row in the matrix");
        }
    }

    [Fact]
    public void The_matrix_agrees_with_each_commands_declared_audience()
    {
        var router = world.Bot.Services.GetRequiredService<Router>();
        foreach (var row in Matrix)
        {
            var declared = router.Find(Steps(row.Typed)[0])?.Command.Info.Audience ?? Anyone;
            Assert.True(declared == row.Audience, $"'{row.Typed}' is declared for {declared}, the matrix says {row.Audience}");
            foreach (var role in Enum.GetValues<Role>())
            {
                var caller = ModelCaller(role);
                var derived = declared.Allows(caller) ? Ok : FromRefusalKey(declared.RefusalKey(caller));
                var cell = row.ByRole[(int)role];
                var byAudience = PastTheAudience(cell) ? Ok : cell;
                Assert.True(derived == byAudience, $"'{row.Typed}' for {role}: its audience {declared} gives {derived}, the matrix says {cell}");
            }
        }

        // The admin column of the other-village table cannot contradict the audience either.
        foreach (var (typed, _, admin) in AimedAtTheOtherVillage.Where(a => a.Admin is not null))
        {
            var bare = BareRow(router, typed)!.ByRole[(int)Role.Admin];
            Assert.True(PastTheAudience(bare) || bare == admin, $"'{typed}' for the admin: the bare command is {bare}, the table says {admin}");
        }
    }

    [Theory]
    [MemberData(nameof(MatrixCells))]
    public async Task Each_person_is_allowed_or_refused_as_designed_and_hears_nothing_of_another_village(string typed, Role role) =>
        await RunCellAsync(typed, role, Matrix.Single(r => r.Typed == typed).ByRole[(int)role]);

    [Theory]
    [MemberData(nameof(AimedCells))]
    public async Task Naming_the_other_villages_group_is_refused_and_reveals_nothing_of_it(string typed, Role role)
    {
        var aimed = AimedAtTheOtherVillage.Single(a => a.Typed == typed);
        var bare = BareRow(world.Bot.Services.GetRequiredService<Router>(), typed)!.ByRole[(int)role];
        var expected = role == Role.Admin ? aimed.Admin!.Value
            : PastTheAudience(bare) ? aimed.NotHers
            : bare;
        await RunCellAsync(typed, role, expected);
    }

    [Theory]
    [MemberData(nameof(ForgedCells))]
    public async Task A_forged_button_for_the_other_villages_group_is_asked_again_and_reveals_nothing(string typed, Role role)
    {
        var bare = BareRow(world.Bot.Services.GetRequiredService<Router>(), typed)!.ByRole[(int)role];
        var reask = bare == Ok && role != Role.Admin ? ForgedButtons.Single(f => f.Typed == typed).Reask : null;
        await RunCellAsync(typed, role, bare, reask);
    }

    /// <summary>The leak check can fail: the data it looks for is really there for those allowed to see it.</summary>
    [Fact]
    public async Task The_data_each_village_keeps_to_itself_is_there_for_those_allowed()
    {
        var ampalu = world.Ampalu;
        var adminSummary = Content(await world.RepliesAsync("admin", "ringkasan"));
        var adminExport = Content(await world.RepliesAsync("admin", "ekspor"));
        var leaderLast = Content(await world.RepliesAsync("b-leader", "laporan terakhir"));
        var facilitatorMembers = Content(await world.RepliesAsync("b-facilitator", "anggota"));
        var leaderCodes = Content(await world.RepliesAsync("b-leader", "kode"));
        var leaderTrainings = Content(await world.RepliesAsync("b-leader", "pelatihan"));

        Assert.Contains(ampalu.Group, adminSummary, StringComparison.Ordinal);
        Assert.Contains(world.Andaleh.Group, adminSummary, StringComparison.Ordinal);
        Assert.Contains(ampalu.Amounts[0], adminSummary, StringComparison.Ordinal);
        Assert.Contains(ampalu.Amounts[0].Replace(".", string.Empty, StringComparison.Ordinal), adminExport, StringComparison.Ordinal);
        Assert.Contains(ampalu.Village, adminExport, StringComparison.Ordinal);
        Assert.Contains(ampalu.Topics, leaderLast, StringComparison.Ordinal);
        Assert.Contains(ampalu.Amounts[^1], leaderLast, StringComparison.Ordinal);
        Assert.Contains(ampalu.NoPhone, facilitatorMembers, StringComparison.Ordinal);
        Assert.Contains(ampalu.Member, facilitatorMembers, StringComparison.Ordinal);
        Assert.Contains(ampalu.Training, leaderTrainings, StringComparison.Ordinal);
        var codes = await world.Bot.DbAsync(db => db.JoinCodes.Select(c => new Code(c.Code, c.GroupId, c.VillageId)).ToListAsync());
        var current = await world.Bot.DbAsync(db => db.JoinCodes.Where(c => c.GroupId == ampalu.GroupId && c.RevokedUtc == null).Select(c => c.Code).ToListAsync());
        Assert.Equal(2, current.Count);
        Assert.All(current, code =>
        {
            Assert.Contains(code, leaderCodes, StringComparison.Ordinal);
            Assert.Contains(new Needle(code, StringComparison.Ordinal), TwoVillages.Needles(ampalu, codes));
        });
    }

    /// <summary>
    /// Types one cell (a command, or a conversation "a | b | !button" whose later steps are sent only
    /// when the command is allowed) and checks what she heard. <paramref name="lastReask"/>: the
    /// last step must be answered with exactly this, and change nothing.
    /// </summary>
    private async Task RunCellAsync(string typed, Role role, Outcome expected, string? lastReask = null)
    {
        var user = TwoVillages.User(role);
        var steps = Steps(world.Fill(typed, role));
        var before = await world.MarkAsync();
        bool? inFlow = null;
        try
        {
            await world.SendAsync(user, steps[0]);
            var first = await world.ObserveAsync(user, before);
            var seen = first;
            if (expected == Ok && steps.Length > 1)
            {
                var beforeLast = before;
                foreach (var step in steps.Skip(1))
                {
                    beforeLast = await world.MarkAsync();
                    await world.SendAsync(user, step);
                }

                seen = await world.ObserveAsync(user, before);
                if (lastReask is not null)
                {
                    var last = await world.ObserveAsync(user, beforeLast);
                    Assert.Equal([lastReask], last.ToHer.Select(m => m.Text));
                    Assert.Empty(last.Audited);
                }
            }

            inFlow = seen.InFlow;
            var replies = seen.ToHer;
            var texts = first.ToHer.Select(m => m.Text).ToList();
            var what = $"{role} typed '{string.Join(" | ", steps)}'";
            Assert.True(texts.Count > 0, $"{what}: no reply");
            if (expected == Ok)
            {
                var wrong = texts.Where(t => Texts.ContainsValue(t) || NeverForAllowed.Contains(t)).ToList();
                Assert.True(wrong.Count == 0, $"{what}: expected it to be allowed, got: {string.Join(" / ", wrong)}");
            }
            else
            {
                Assert.True(texts.SequenceEqual([Texts[expected]]), $"{what}: expected {expected} (\"{Texts[expected]}\"), got: {string.Join(" / ", texts)}");
                Assert.True(first.Audited.Count == 0, $"{what}: refused, yet it was audited: {string.Join(", ", first.Audited)}");
                Assert.True(!first.InFlow, $"{what}: refused, yet a conversation was started");
                Assert.True(first.ToOthers.Count == 0, $"{what}: refused, yet messages went to {string.Join(", ", first.ToOthers)}");
            }

            Assert.DoesNotContain(replies, m => m.Text == Crashed);
            foreach (var village in world.NotHersToSee(role))
            {
                var needles = TwoVillages.Needles(village, seen.JoinCodes);
                for (var i = 0; i < replies.Count; i++)
                {
                    var content = Content(replies[i]);
                    var leaked = needles.Where(n => content.Contains(n.Text, n.Comparison)).Select(n => n.Text).ToList();
                    Assert.True(leaked.Count == 0, $"{what}: reply {i + 1} shows {string.Join(", ", leaked)} of {village.Village}:\n{content}");
                }
            }
        }
        finally
        {
            // Cells are independent: whatever conversation the command started ends here.
            if (inFlow ?? await world.InFlowAsync(user))
            {
                await world.SendAsync(user, "batal");
            }
        }
    }

    private static string[] Steps(string typed) => typed.Split(" | ");

    /// <summary>Allowed, or refused only by the command itself (for that group, training or name).</summary>
    private static bool PastTheAudience(Outcome outcome) => outcome == Ok || outcome >= NotHerGroup;

    private static Row? BareRow(Router router, string typed)
    {
        var command = router.Find(Steps(typed)[0])?.Command;
        return Matrix.FirstOrDefault(r => router.Find(Steps(r.Typed)[0])?.Command == command);
    }

    /// <summary>Everything a person could read in a message: text, buttons (labels and what they send), file names and contents.</summary>
    private static string Content(IEnumerable<OutgoingMessage> messages) => string.Join("\n", messages.Select(Content));

    private static string Content(OutgoingMessage m)
    {
        var sb = new StringBuilder(m.Text);
        foreach (var choice in m.Choices)
        {
            sb.Append('\n').Append(choice.Label).Append(" -> ").Append(choice.Id);
        }

        foreach (var file in new[] { m.Document, m.Photo }.OfType<OutgoingFile>())
        {
            sb.Append('\n').Append(file.FileName).Append('\n').Append(FileText(file));
        }

        if (m.Template is { } template)
        {
            sb.Append('\n').AppendJoin('\n', template.Parameters);
        }

        return sb.ToString();
    }

    /// <summary>CSV as text; XLSX as the text of every part of the zip. A PNG chart has no text to read.</summary>
    private static string FileText(OutgoingFile file)
    {
        if (file.ContentType == "image/png")
        {
            return string.Empty;
        }

        if (!file.FileName.EndsWith(".xlsx", StringComparison.Ordinal))
        {
            return Encoding.UTF8.GetString(file.Content);
        }

        using var zip = new ZipArchive(new MemoryStream(file.Content), ZipArchiveMode.Read);
        var sb = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            sb.Append(reader.ReadToEnd()).Append('\n');
        }

        return sb.ToString();
    }

    private static Caller ModelCaller(Role role)
    {
        var person = new Person { Name = "Model" };
        Membership As(MemberRole r) => new() { Person = person, Role = r, GroupId = 1, Group = new GroupBot.People.Group { Id = 1, Name = "Model", VillageId = 1 } };
        return role switch
        {
            Role.Unknown => new Caller(),
            Role.Member => new Caller { Person = person, Memberships = [As(MemberRole.Member)] },
            Role.Leader => new Caller { Person = person, Memberships = [As(MemberRole.Leader)] },
            Role.Treasurer => new Caller { Person = person, Memberships = [As(MemberRole.Treasurer)] },
            Role.Secretary => new Caller { Person = person, Memberships = [As(MemberRole.Secretary)] },
            Role.OtherFacilitator => new Caller { Person = person, FacilitatorVillageIds = [2] },
            Role.Facilitator => new Caller { Person = person, FacilitatorVillageIds = [1] },
            _ => new Caller { Person = person, IsAdmin = true },
        };
    }

    private static Outcome FromRefusalKey(string key) => key switch
    {
        "Refuse.NotJoined" => NotJoined,
        "Refuse.Member" => NoMember,
        "Refuse.Officer" => NoOfficer,
        "Refuse.ReportWriter" => NoReporter,
        "Refuse.MinutesWriter" => NoMinuter,
        "Refuse.BookKeeper" => NoBookKeeper,
        "Refuse.Facilitator" => NoFacilitator,
        "Refuse.Admin" => NoAdmin,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "a refusal the matrix does not know"),
    };

    /// <summary>One side's recognisable data. Amounts in the order the savings report asks them.</summary>
    public sealed record Side(
        string Prefix, string Village, string Group, string Member, string Leader, string Treasurer, string Secretary,
        string NoPhone, string Phone, string Facilitator, string[] Amounts, string Topics, string Decisions, string Training, string Venue)
    {
        public long VillageId { get; set; }
        public long GroupId { get; set; }
        public long TrainingId { get; set; }
        public long MeetingId { get; set; }
    }

    public sealed record Needle(string Text, StringComparison Comparison);

    public readonly record struct Mark(long Outbox, long Audit);

    public sealed record Code(string Text, long? GroupId, long? VillageId);

    public sealed record Observed(IReadOnlyList<OutgoingMessage> ToHer, IReadOnlyList<string> ToOthers, IReadOnlyList<string> Audited, bool InFlow, IReadOnlyList<Code> JoinCodes);

    /// <summary>
    /// Two villages, each with one savings group that has members (one without a phone), a leader,
    /// treasurer, secretary, a facilitator, a meeting with attendance, a savings report, minutes and
    /// a training for its officers. The clock stays at Friday 4 December 2026, 17.00 WIB: the
    /// meeting's attendance is still open, so "hadir" records rather than only answering.
    /// </summary>
    public sealed class TwoVillages : IAsyncLifetime
    {
        public BotHost Bot { get; private set; } = null!;

        public Side Andaleh { get; } = new("a", "Andaleh", "Kenanga Sakato", "Yusnaini", "Rosmawati", "Nurhasanah", "Elfira",
            "Marlinda", "0812 7777 1001", "Desrianti", ["1.357.913", "2.468.024", "3.579.135", "468.246", "5.791.357", "6.802.468"],
            "Bibit kakao dari Lembah Kalimantra", "Iuran Sinarmega naik", "Kursus Tenun Songket Merah", "Balai Jorong Kubang");

        public Side Ampalu { get; } = new("b", "Ampalu", "Cempaka Ampek", "Jusmaniar", "Ernawilis", "Syafrida", "Helmayeni",
            "Zuraida", "0812 7777 2002", "Fitriyeni", ["7.654.321", "2.345.678", "3.456.789", "456.123", "8.765.432", "9.876.543"],
            "Kebun kakao blok Zetaria", "Kas Omegantara ditambah", "Kursus Anyaman Pandan Biru", "Balai Jorong Gantiang");

        public static string User(Role role) => role switch
        {
            Role.Unknown => "nobody",
            Role.Member => "a-member",
            Role.Leader => "a-leader",
            Role.Treasurer => "a-treasurer",
            Role.Secretary => "a-secretary",
            Role.OtherFacilitator => "b-facilitator",
            Role.Facilitator => "a-facilitator",
            _ => "admin",
        };

        /// <summary>The villages whose data this person must never see. Admins oversee every village.</summary>
        public IReadOnlyList<Side> NotHersToSee(Role role) => role switch
        {
            Role.Unknown => [Andaleh, Ampalu],
            Role.OtherFacilitator => [Andaleh],
            Role.Admin => [],
            _ => [Ampalu],
        };

        /// <summary>The placeholders name the village that is not hers (for admins and the unknown person: Ampalu).</summary>
        public string Fill(string typed, Role role)
        {
            var other = role == Role.OtherFacilitator ? Andaleh : Ampalu;
            string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return typed.Replace("{groupName}", other.Group, StringComparison.Ordinal)
                .Replace("{group}", Id(other.GroupId), StringComparison.Ordinal)
                .Replace("{villageId}", Id(other.VillageId), StringComparison.Ordinal)
                .Replace("{village}", other.Village, StringComparison.Ordinal)
                .Replace("{meeting}", Id(other.MeetingId), StringComparison.Ordinal)
                .Replace("{training}", Id(other.TrainingId), StringComparison.Ordinal);
        }

        /// <summary>
        /// What must not reach outsiders: names (any case), amounts as shown and as exported, minutes,
        /// trainings, phone numbers, and every join code of the village's group or for its facilitators.
        /// </summary>
        public static IReadOnlyList<Needle> Needles(Side v, IReadOnlyList<Code> codes)
        {
            var phone = v.Phone.Replace(" ", string.Empty, StringComparison.Ordinal);
            string[] texts =
            [
                v.Village, v.Group, v.Member, v.Leader, v.Treasurer, v.Secretary, v.NoPhone, v.Facilitator, v.Topics, v.Decisions, v.Training, v.Venue,
                phone, "62" + phone[1..], .. v.Amounts, .. v.Amounts.Select(a => a.Replace(".", string.Empty, StringComparison.Ordinal)),
            ];
            return
            [
                .. texts.Select(t => new Needle(t, StringComparison.OrdinalIgnoreCase)),
                .. codes.Where(c => c.GroupId == v.GroupId || c.VillageId == v.VillageId).Select(c => new Needle(c.Text, StringComparison.Ordinal)),
            ];
        }

        /// <summary>Types text, or presses a button ("!id").</summary>
        public async Task SendAsync(string user, string text) =>
            _ = text.StartsWith('!') ? await Bot.ChooseAsync(user, text[1..]) : await Bot.SayAsync(user, text);

        public async Task<IReadOnlyList<OutgoingMessage>> RepliesAsync(string user, string text)
        {
            var mark = await MarkAsync();
            await SendAsync(user, text);
            return (await ObserveAsync(user, mark)).ToHer;
        }

        public Task<Mark> MarkAsync() => Bot.DbAsync(async db =>
            new Mark(await db.Outbox.MaxAsync(o => (long?)o.Id) ?? 0, await db.Audit.MaxAsync(a => (long?)a.Id) ?? 0));

        /// <summary>
        /// Everything since <paramref name="mark"/>, read as stored (a reply is an outbox row first):
        /// what went to her, who else got anything, what was audited, whether she is in a conversation,
        /// and every join code there is now.
        /// </summary>
        public Task<Observed> ObserveAsync(string user, Mark mark) => Bot.DbAsync(async db =>
        {
            var rows = await db.Outbox.AsNoTracking().Where(o => o.Id > mark.Outbox).OrderBy(o => o.Id).ToListAsync();
            return new Observed(
                [.. rows.Where(o => o.ChatId == user).Select(Outbox.Read)],
                [.. rows.Where(o => o.ChatId != user).Select(o => o.ChatId).Distinct()],
                await db.Audit.Where(a => a.Id > mark.Audit).Select(a => a.Action).ToListAsync(),
                await db.Conversations.AnyAsync(c => c.UserId == user),
                await db.JoinCodes.Select(c => new Code(c.Code, c.GroupId, c.VillageId)).ToListAsync());
        });

        public Task<bool> InFlowAsync(string user) => Bot.DbAsync(db => db.Conversations.AnyAsync(c => c.UserId == user));

        public async ValueTask InitializeAsync()
        {
            Bot = await BotHost.StartAsync();
            foreach (var v in new[] { Andaleh, Ampalu })
            {
                await JoinAsync(v);
            }

            At(14);
            foreach (var v in new[] { Andaleh, Ampalu })
            {
                await Bot.SayAsync($"{v.Prefix}-member", "hadir");
                await Bot.SayAsync($"{v.Prefix}-leader", "hadir");
            }

            At(17);
            foreach (var v in new[] { Andaleh, Ampalu })
            {
                await RecordMeetingAsync(v);
            }

            await SettleAsync();
        }

        private async Task JoinAsync(Side v)
        {
            var codes = await Scenario.CreateGroupAsync(Bot, village: v.Village, group: v.Group);
            await Scenario.JoinAsync(Bot, $"{v.Prefix}-member", codes.Member, v.Member);
            await Scenario.JoinAsync(Bot, $"{v.Prefix}-leader", codes.Leader, v.Leader, role: "role:Leader");
            await Scenario.JoinAsync(Bot, $"{v.Prefix}-treasurer", codes.Leader, v.Treasurer, role: "role:Treasurer");
            await Scenario.JoinAsync(Bot, $"{v.Prefix}-secretary", codes.Leader, v.Secretary, role: "role:Secretary");
            await Bot.SayAsync($"{v.Prefix}-leader", $"anggota tambah {v.NoPhone} {v.Phone}");
            var code = FacilitatorCode().Match(await Bot.TextAsync("admin", $"pendamping tambah {v.Village}")).Groups[1].Value;
            await Scenario.JoinAsync(Bot, $"{v.Prefix}-facilitator", code, v.Facilitator);
            (v.VillageId, v.GroupId) = await Bot.DbAsync(async db =>
            {
                var g = await db.Groups.SingleAsync(g => g.Name == v.Group);
                return (g.VillageId, g.Id);
            });
        }

        /// <summary>The treasurer reports, the secretary writes minutes, the facilitator invites the officers to a training.</summary>
        private async Task RecordMeetingAsync(Side v)
        {
            string[] report = ["lapor", "hari ini", .. v.Amounts, "2", "simpan"];
            foreach (var answer in report)
            {
                await Bot.SayAsync($"{v.Prefix}-treasurer", answer);
            }

            foreach (var answer in new[] { "notulen", "hari ini", v.Topics, "selesai", v.Decisions, "selesai", "lewati", "lewati", "lewati", "simpan" })
            {
                await Bot.SayAsync($"{v.Prefix}-secretary", answer);
            }

            var facilitator = $"{v.Prefix}-facilitator";
            foreach (var answer in new[] { "pelatihan baru", v.Training, "14-15 Desember", "09.00", v.Venue })
            {
                await Bot.SayAsync(facilitator, answer);
            }

            await Bot.ChooseAsync(facilitator, "aud:AllOfficers");
            await Bot.ChooseAsync(facilitator, "confirm:save");

            v.TrainingId = await Bot.DbAsync(db => db.Trainings.Where(t => t.Title == v.Training).Select(t => t.Id).SingleAsync());
            v.MeetingId = await Bot.DbAsync(db => db.Meetings.Where(m => m.GroupId == v.GroupId).Select(m => m.Id).SingleAsync());
            var recorded = await Bot.DbAsync(async db => (
                await db.SavingsReports.CountAsync(r => r.GroupId == v.GroupId),
                await db.Minutes.CountAsync(m => m.GroupId == v.GroupId),
                await db.Invitations.CountAsync(i => i.TrainingId == v.TrainingId)));
            if (recorded != (1, 1, 3))
            {
                throw new InvalidOperationException($"{v.Group}: set-up went wrong (reports, minutes, invitations) = {recorded}");
            }
        }

        private void At(int hour) => Bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, hour, 0, 0, TimeSpan.FromHours(7)));

        /// <summary>Reminders due after the clock moved are written in the background: wait until the outbox is quiet, so they do not land inside a cell.</summary>
        private async Task SettleAsync()
        {
            var last = -1L;
            for (var i = 0; i < 20; i++)
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
                var now = (await MarkAsync()).Outbox;
                if (now == last)
                {
                    return;
                }

                last = now;
            }
        }

        public async ValueTask DisposeAsync() => await Bot.DisposeAsync();
    }

    [GeneratedRegex(@": ([A-Z0-9]{6})\.")]
    private static partial Regex FacilitatorCode();
}
