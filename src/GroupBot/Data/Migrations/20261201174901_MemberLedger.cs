using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GroupBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class MemberLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Approvals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedByPersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedByPersonId = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Approvals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LedgerCycles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Months = table.Column<int>(type: "INTEGER", nullable: false),
                    ShareValue = table.Column<long>(type: "INTEGER", nullable: false),
                    MaxShares = table.Column<int>(type: "INTEGER", nullable: false),
                    SocialFund = table.Column<long>(type: "INTEGER", nullable: false),
                    FineLate = table.Column<long>(type: "INTEGER", nullable: false),
                    FineAbsent = table.Column<long>(type: "INTEGER", nullable: false),
                    InterestBasisPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    LoanCapTimes = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstLoanMeeting = table.Column<int>(type: "INTEGER", nullable: false),
                    SocialCarried = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedByPersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerCycles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LedgerMeetings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CycleId = table.Column<long>(type: "INTEGER", nullable: false),
                    GroupId = table.Column<long>(type: "INTEGER", nullable: false),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    EnteredByPersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerMeetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Loans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<long>(type: "INTEGER", nullable: false),
                    CycleId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    Principal = table.Column<long>(type: "INTEGER", nullable: false),
                    InterestBasisPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    TermMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CountedMeetingId = table.Column<long>(type: "INTEGER", nullable: true),
                    WrittenOff = table.Column<long>(type: "INTEGER", nullable: false),
                    SettledAtShareOut = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedByPersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Loans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReceiptFlags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    LedgerMeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResolvedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedByPersonId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceiptFlags", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ShareOuts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<long>(type: "INTEGER", nullable: false),
                    CycleId = table.Column<long>(type: "INTEGER", nullable: false),
                    Pool = table.Column<long>(type: "INTEGER", nullable: false),
                    SocialFund = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalShares = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedByPersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PaidUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShareOuts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LedgerLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LedgerMeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    Present = table.Column<bool>(type: "INTEGER", nullable: false),
                    Shares = table.Column<int>(type: "INTEGER", nullable: false),
                    Social = table.Column<long>(type: "INTEGER", nullable: false),
                    Fine = table.Column<long>(type: "INTEGER", nullable: false),
                    Repaid = table.Column<long>(type: "INTEGER", nullable: false),
                    LoanId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerLines_LedgerMeetings_LedgerMeetingId",
                        column: x => x.LedgerMeetingId,
                        principalTable: "LedgerMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShareOutLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ShareOutId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    Shares = table.Column<int>(type: "INTEGER", nullable: false),
                    Gross = table.Column<long>(type: "INTEGER", nullable: false),
                    LoanDeducted = table.Column<long>(type: "INTEGER", nullable: false),
                    Payout = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShareOutLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShareOutLines_ShareOuts_ShareOutId",
                        column: x => x.ShareOutId,
                        principalTable: "ShareOuts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Approvals_GroupId_State",
                table: "Approvals",
                columns: new[] { "GroupId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Approvals_Kind_SubjectId",
                table: "Approvals",
                columns: new[] { "Kind", "SubjectId" },
                unique: true,
                filter: "\"State\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerCycles_GroupId_Number",
                table: "LedgerCycles",
                columns: new[] { "GroupId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LedgerLines_LedgerMeetingId_PersonId",
                table: "LedgerLines",
                columns: new[] { "LedgerMeetingId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LedgerLines_LoanId",
                table: "LedgerLines",
                column: "LoanId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerMeetings_CycleId",
                table: "LedgerMeetings",
                column: "CycleId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerMeetings_MeetingId_Version",
                table: "LedgerMeetings",
                columns: new[] { "MeetingId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Loans_GroupId_Status",
                table: "Loans",
                columns: new[] { "GroupId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Loans_PersonId",
                table: "Loans",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptFlags_GroupId_ResolvedUtc",
                table: "ReceiptFlags",
                columns: new[] { "GroupId", "ResolvedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptFlags_LedgerMeetingId_PersonId",
                table: "ReceiptFlags",
                columns: new[] { "LedgerMeetingId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShareOutLines_ShareOutId_PersonId",
                table: "ShareOutLines",
                columns: new[] { "ShareOutId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShareOuts_CycleId",
                table: "ShareOuts",
                column: "CycleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Approvals");

            migrationBuilder.DropTable(
                name: "LedgerCycles");

            migrationBuilder.DropTable(
                name: "LedgerLines");

            migrationBuilder.DropTable(
                name: "Loans");

            migrationBuilder.DropTable(
                name: "ReceiptFlags");

            migrationBuilder.DropTable(
                name: "ShareOutLines");

            migrationBuilder.DropTable(
                name: "LedgerMeetings");

            migrationBuilder.DropTable(
                name: "ShareOuts");
        }
    }
}
