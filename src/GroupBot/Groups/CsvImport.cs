using System.Text;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Groups;

/// <summary>
/// Bulk import of villages, groups and members from a CSV file (comma or semicolon separated, as
/// Excel saves it in Indonesia). Every row is checked first; a file with any bad row imports
/// nothing. Re-importing the same file adds nothing twice.
/// Columns (header row required, any order): village, group, kind, meeting_day, meeting_time,
/// venue, member_name, member_phone, role.
/// </summary>
public sealed class CsvImporter(GroupBotDb db, LocalClock clock)
{
    public static readonly IReadOnlyList<string> Columns =
        ["village", "group", "kind", "meeting_day", "meeting_time", "venue", "member_name", "member_phone", "role"];

    public sealed record Result(IReadOnlyList<string> Errors, int Villages, int Groups, int Members, int Skipped, IReadOnlyList<string> NewGroupCodes)
    {
        public bool Ok => Errors.Count == 0;
    }

    private sealed record Row(int Line, string Village, string Group, GroupKind? Kind, DayOfWeek? Day, TimeOnly? Time, string? Venue,
        string Member, string? Phone, MemberRole Role);

    public async Task<Result> ImportAsync(TextReader reader, CancellationToken ct)
    {
        var errors = new List<string>();
        var rows = Parse(await reader.ReadToEndAsync(ct), errors);
        if (errors.Count > 0)
        {
            return new Result(errors, 0, 0, 0, 0, []);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.UtcNow;
        int villagesAdded = 0, groupsAdded = 0, membersAdded = 0, skipped = 0;
        var villages = await db.Villages.ToDictionaryAsync(v => v.Name.ToUpperInvariant(), ct);
        var groups = await db.Groups.Where(g => g.DeletedUtc == null).Include(g => g.Village).ToListAsync(ct);
        var newGroups = new List<Group>();

        foreach (var row in rows)
        {
            if (!villages.TryGetValue(row.Village.ToUpperInvariant(), out var village))
            {
                village = new Village { Name = row.Village, CreatedUtc = now };
                db.Villages.Add(village);
                villages[row.Village.ToUpperInvariant()] = village;
                villagesAdded++;
            }

            if (row.Group.Length == 0)
            {
                continue;
            }

            var group = groups.FirstOrDefault(g => g.Village == village && string.Equals(g.Name, row.Group, StringComparison.OrdinalIgnoreCase));
            if (group is null)
            {
                if (row.Kind is null || row.Day is null || row.Time is null)
                {
                    errors.Add(Line(row.Line, "a new group needs kind, meeting_day and meeting_time"));
                    continue;
                }

                group = new Group
                {
                    Village = village,
                    Name = row.Group,
                    Kind = row.Kind.Value,
                    MeetingDay = row.Day.Value,
                    MeetingTime = row.Time.Value,
                    Venue = row.Venue,
                    CreatedUtc = now,
                };
                db.Groups.Add(group);
                await JoinCodes.IssueAsync(db, group, now, ct);
                groups.Add(group);
                newGroups.Add(group);
                groupsAdded++;
            }
            else if ((row.Kind is { } k && k != group.Kind) || (row.Day is { } d && d != group.MeetingDay) || (row.Time is { } t && t != group.MeetingTime))
            {
                errors.Add(Line(row.Line, $"group '{group.Name}' already has other kind, meeting_day or meeting_time; leave them empty or make them the same"));
                continue;
            }

            if (row.Member.Length == 0)
            {
                continue;
            }

            if (await IsMemberAsync(group, row, ct))
            {
                skipped++;
                continue;
            }

            var person = row.Phone is null ? null
                : db.People.Local.FirstOrDefault(p => p.Phone == row.Phone) ?? await db.People.FirstOrDefaultAsync(p => p.Phone == row.Phone, ct);
            person ??= new Person { Name = row.Member, Phone = row.Phone, Language = "id", CreatedUtc = now };
            db.Memberships.Add(new Membership { Person = person, Group = group, Role = row.Role, JoinedUtc = now });
            membersAdded++;
        }

        if (errors.Count > 0)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new Result(errors, 0, 0, 0, 0, []);
        }

        db.Audit.Add(new AuditEntry
        {
            AtUtc = now,
            Action = "import",
            Entity = "csv",
            Detail = $"{villagesAdded} villages, {groupsAdded} groups, {membersAdded} members",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var codes = new List<string>();
        foreach (var g in newGroups)
        {
            var (member, leader) = await JoinCodes.CurrentAsync(db, g, ct);
            codes.Add($"{g.Village!.Name} / {g.Name}: member code {member}, leader code {leader}");
        }

        return new Result([], villagesAdded, groupsAdded, membersAdded, skipped, codes);
    }

    private async Task<bool> IsMemberAsync(Group group, Row row, CancellationToken ct)
    {
        bool Same(Membership m) => m.Group == group && m.Person is { } p
            && (string.Equals(p.Name, row.Member, StringComparison.OrdinalIgnoreCase) || (row.Phone is not null && p.Phone == row.Phone));
        if (db.Memberships.Local.Any(Same))
        {
            return true;
        }

        return group.Id != 0 && await db.Memberships.AnyAsync(
            m => m.GroupId == group.Id && (m.Person!.Name == row.Member || (row.Phone != null && m.Person.Phone == row.Phone)), ct);
    }

    private static List<Row> Parse(string text, List<string> errors)
    {
        var records = CsvReader.Read(text);
        if (records.Count == 0)
        {
            errors.Add("the file is empty; the first line must name the columns: " + string.Join(",", Columns));
            return [];
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = header.Contains("village") ? [] : new List<string> { "village" };
        var unknown = header.Where(h => h.Length > 0 && !Columns.Contains(h)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            errors.Add(Line(records[0].Line, $"the header must name the columns {string.Join(",", Columns)}"
                + (unknown.Count > 0 ? $"; unknown: {string.Join(",", unknown)}" : string.Empty)));
            return [];
        }

        var rows = new List<Row>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            string Get(string column)
            {
                var i = header.IndexOf(column);
                return i >= 0 && i < record.Fields.Count ? record.Fields[i].Trim() : string.Empty;
            }

            var line = record.Line;
            var before = errors.Count;
            var village = Names.Tidy(Get("village"));
            var group = Names.Tidy(Get("group"));
            var member = Names.Tidy(Get("member_name"));
            if (!Names.IsPlausible(village, AddVillageCommand.MaxNameLength))
            {
                errors.Add(Line(line, $"village '{Get("village")}' is not a name (example: Mungo)"));
            }

            if (group.Length > 0 && !Names.IsPlausible(group, NewGroupFlow.MaxNameLength))
            {
                errors.Add(Line(line, $"group '{Get("group")}' is not a name (example: Melati)"));
            }

            if (member.Length > 0 && group.Length == 0)
            {
                errors.Add(Line(line, "a member needs a group"));
            }

            if (member.Length > 0 && !Names.IsPlausible(member, AddMemberCommand.MaxNameLength))
            {
                errors.Add(Line(line, $"member_name '{Get("member_name")}' is not a name (example: Siti Aminah)"));
            }

            GroupKind? kind = null;
            if (Get("kind") is { Length: > 0 } kindText && (kind = GroupKinds.Parse(kindText.ToLowerInvariant())) is null)
            {
                errors.Add(Line(line, $"kind '{kindText}' is not one of: simpan pinjam, pengajian, usaha, lainnya"));
            }

            DayOfWeek? day = null;
            if (Get("meeting_day") is { Length: > 0 } dayText)
            {
                if (DayParser.TryParse(dayText, out var d))
                {
                    day = d;
                }
                else
                {
                    errors.Add(Line(line, $"meeting_day '{dayText}' is not a weekday (example: Jumat)"));
                }
            }

            TimeOnly? time = null;
            if (Get("meeting_time") is { Length: > 0 } timeText)
            {
                if (TimeOfDayParser.TryParse(timeText, out var t))
                {
                    time = t;
                }
                else
                {
                    errors.Add(Line(line, $"meeting_time '{timeText}' is not a time (example: 14.00)"));
                }
            }

            string? phone = null;
            if (Get("member_phone") is { Length: > 0 } phoneText && !Phone.TryNormalize(phoneText, out phone!))
            {
                errors.Add(Line(line, $"member_phone '{phoneText}' is not an Indonesian mobile number (example: 0812 3456 7890)"));
                phone = null;
            }

            var role = MemberRole.Member;
            if (Get("role") is { Length: > 0 } roleText)
            {
                var parsed = ParseRole(roleText);
                if (parsed is null)
                {
                    errors.Add(Line(line, $"role '{roleText}' is not one of: anggota, ketua, bendahara, sekretaris"));
                }

                role = parsed ?? MemberRole.Member;
            }

            var venue = Get("venue");
            if (errors.Count == before)
            {
                rows.Add(new Row(line, village, group, kind, day, time, venue.Length == 0 ? null : venue, member, phone, role));
            }
        }

        return rows;
    }

    private static MemberRole? ParseRole(string text) => text.Trim().ToLowerInvariant() switch
    {
        "anggota" or "member" => MemberRole.Member,
        "ketua" or "leader" => MemberRole.Leader,
        "bendahara" or "treasurer" => MemberRole.Treasurer,
        "sekretaris" or "secretary" => MemberRole.Secretary,
        _ => null,
    };

    private static string Line(int line, string problem) => $"line {line}: {problem}";
}

/// <summary>RFC 4180 CSV: quoted fields may hold separators, quotes ("") and line breaks. Comma or semicolon, from the header.</summary>
public static class CsvReader
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    public static List<Record> Read(string text)
    {
        text = text.TrimStart('\uFEFF');
        var firstLine = text.Split('\n', 2)[0];
        var separator = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ';' : ',';
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    records.Add(new Record(recordLine, fields));
                    fields = [];
                    field.Clear();
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (c == separator)
                    {
                        fields.Add(field.ToString());
                        field.Clear();
                    }
                    else
                    {
                        field.Append(c);
                    }

                    break;
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new Record(recordLine, fields));
        }

        return records;
    }
}
