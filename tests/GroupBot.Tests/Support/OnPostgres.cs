using GroupBot.Tests.Attendance;
using GroupBot.Tests.Business;
using GroupBot.Tests.Chat;
using GroupBot.Tests.Faults;
using GroupBot.Tests.Ledger;
using GroupBot.Tests.Minutes;
using GroupBot.Tests.Onboarding;
using GroupBot.Tests.Planning;
using GroupBot.Tests.Privacy;
using GroupBot.Tests.Reminders;
using GroupBot.Tests.Savings;

namespace GroupBot.Tests.Support;

// The data-touching suites (flows, faults, reminders, permissions) again, on PostgreSQL: each
// test's bots run on a fresh PostgreSQL database (see TestPostgres).
#pragma warning disable SA1402 // one list of suites, kept together

public sealed class PermissionTestsOnPostgres : PermissionTests, IOnPostgres;

public sealed class PermissionMatrixTestsOnPostgres(PermissionMatrixTests.TwoVillages world) : PermissionMatrixTests(world), IOnPostgres;

public sealed class CrashRestartTestsOnPostgres : CrashRestartTests, IOnPostgres;

public sealed class ReminderCrashTestsOnPostgres : ReminderCrashTests, IOnPostgres;

public sealed class ChannelOutageTestsOnPostgres : ChannelOutageTests, IOnPostgres;

public sealed class MeetingRemindersTestsOnPostgres : MeetingRemindersTests, IOnPostgres;

public sealed class ReminderTestsOnPostgres : ReminderTests, IOnPostgres;

public sealed class ReportFlowTestsOnPostgres : ReportFlowTests, IOnPostgres;

public sealed class AttendanceTestsOnPostgres : AttendanceTests, IOnPostgres;

public sealed class LedgerConversationTestsOnPostgres : LedgerConversationTests, IOnPostgres;

public sealed class LedgerCycleTestsOnPostgres : LedgerCycleTests, IOnPostgres;

public sealed class OnboardingTestsOnPostgres : OnboardingTests, IOnPostgres;

public sealed class MinutesFlowTestsOnPostgres : MinutesFlowTests, IOnPostgres;

public sealed class ProposalTestsOnPostgres : ProposalTests, IOnPostgres;

public sealed class BusinessBookTestsOnPostgres : BusinessBookTests, IOnPostgres;

public sealed class PrivacyTestsOnPostgres : PrivacyTests, IOnPostgres;
