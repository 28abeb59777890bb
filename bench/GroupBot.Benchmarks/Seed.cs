using System.Globalization;
using Microsoft.Data.Sqlite;

namespace GroupBot.Benchmarks;

/// <summary>Bulk data straight into the bot's SQLite file (prepared statements, one transaction): fast and realistic.</summary>
public static class Seed
{
    /// <summary>Villages of 300 groups each; groups meeting on Fridays 14.00; <paramref name="members"/> members per group.</summary>
    public static (long FirstGroupId, long FirstPersonId) Groups(SqliteConnection c, int groups, int members, DayOfWeek day = DayOfWeek.Friday, TimeOnly? time = null)
    {
        using var tx = c.BeginTransaction();
        var villages = (groups + 299) / 300;
        var firstVillage = Scalar(c, "SELECT COALESCE(MAX(Id),0)+1 FROM Villages");
        for (var v = 0; v < villages; v++)
        {
            Exec(c, "INSERT INTO Villages (Name, CreatedUtc) VALUES ($n, '2026-01-01 00:00:00')", ("$n", $"Nagari {firstVillage + v}"));
        }

        var firstGroup = Scalar(c, "SELECT COALESCE(MAX(Id),0)+1 FROM Groups");
        var firstPerson = Scalar(c, "SELECT COALESCE(MAX(Id),0)+1 FROM People");
        using var group = Prepare(c, "INSERT INTO Groups (VillageId, Name, Kind, MeetingDay, MeetingTime, CreatedUtc, RemindersPaused) VALUES ($v, $n, 0, $d, $t, '2026-01-01 00:00:00', 0)", "$v", "$n", "$d", "$t");
        using var person = Prepare(c, "INSERT INTO People (Name, Language, CreatedUtc) VALUES ($n, 'id', '2026-01-01 00:00:00')", "$n");
        using var membership = Prepare(c, "INSERT INTO Memberships (PersonId, GroupId, Role, JoinedUtc) VALUES ($p, $g, $r, '2026-01-01 00:00:00')", "$p", "$g", "$r");
        using var identity = Prepare(c, "INSERT INTO ChatIdentities (PersonId, Channel, Address) VALUES ($p, 'simulator', $a)", "$p", "$a");
        var p = firstPerson;
        for (var g = 0; g < groups; g++)
        {
            Run(group, firstVillage + g / 300, $"Kelompok {firstGroup + g}", (int)day, (time ?? new TimeOnly(14, 0)).ToString("HH:mm:ss", CultureInfo.InvariantCulture));
            for (var m = 0; m < members; m++, p++)
            {
                Run(person, $"Ibu {p}");
                Run(membership, p, firstGroup + g, m == 0 ? 1 : 0);
                Run(identity, p, $"bench{p}");
            }
        }

        tx.Commit();
        return (firstGroup, firstPerson);
    }

    /// <summary>A held meeting every week for <paramref name="weeks"/> weeks up to <paramref name="lastFriday"/>, ~80% present, with a report.</summary>
    public static void History(SqliteConnection c, long firstGroup, int groups, long firstPerson, int members, DateOnly lastFriday, int weeks)
    {
        using var tx = c.BeginTransaction();
        using var meeting = Prepare(c, "INSERT INTO Meetings (GroupId, Date, StartTime, Status, CreatedUtc) VALUES ($g, $d, '14:00:00', 1, '2026-01-01 00:00:00') RETURNING Id", "$g", "$d");
        using var attendance = Prepare(c, "INSERT INTO Attendance (MeetingId, PersonId, Status, Method, RecordedByPersonId, RecordedUtc) VALUES ($m, $p, 0, 0, $p, '2026-01-01 00:00:00')", "$m", "$p");
        using var report = Prepare(c, """
            INSERT INTO SavingsReports (MeetingId, GroupId, Version, Savings, LoansDisbursed, Repayments, FinesAndSocial, LoansOutstanding, CashBalance, MembersSaved, CashMismatch, ReportedByPersonId, CreatedUtc)
            VALUES ($m, $g, 1, $s, 500000, 300000, 20000, 4000000, $c, 20, 0, 1, '2026-01-01 00:00:00')
            """, "$m", "$g", "$s", "$c");
        var random = new Random(42);
        for (var g = 0; g < groups; g++)
        {
            var groupId = firstGroup + g;
            var personBase = firstPerson + (long)g * members;
            for (var w = weeks - 1; w >= 0; w--)
            {
                var date = lastFriday.AddDays(-7 * w).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                meeting.Parameters["$g"].Value = groupId;
                meeting.Parameters["$d"].Value = date;
                var meetingId = (long)meeting.ExecuteScalar()!;
                for (var m = 0; m < members; m++)
                {
                    if (random.Next(100) < 80)
                    {
                        Run(attendance, meetingId, personBase + m);
                    }
                }

                Run(report, meetingId, groupId, 200_000 + random.Next(100) * 1000, 1_500_000 + (weeks - w) * 10_000);
            }
        }

        tx.Commit();
    }

    private static long Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Exec(SqliteConnection c, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        cmd.ExecuteNonQuery();
    }

    /// <summary>A prepared statement with these parameters (values set by <see cref="Run"/> or <see cref="Scalar(SqliteCommand, object[])"/>).</summary>
    public static SqliteCommand Prepare(SqliteConnection c, string sql, params string[] names)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var name in names)
        {
            cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        cmd.Prepare();
        return cmd;
    }

    /// <summary>Runs a prepared statement with <paramref name="values"/> and returns its first column (an id from RETURNING).</summary>
    public static long Scalar(SqliteCommand cmd, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i];
        }

        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static void Run(SqliteCommand cmd, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i];
        }

        cmd.ExecuteNonQuery();
    }
}
