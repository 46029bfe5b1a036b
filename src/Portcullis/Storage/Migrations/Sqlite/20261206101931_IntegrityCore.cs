using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IntegrityCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "integrity_alarms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    HubCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ContainerNumber = table.Column<string>(type: "TEXT", maxLength: 17, nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SelectionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EventAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DedupKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Occurrences = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AcknowledgeNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ResolveNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_integrity_alarms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_integrity_alarms_secure_lane_orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "secure_lane_orders",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "simulation_incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContainerNumber = table.Column<string>(type: "TEXT", maxLength: 17, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    From = table.Column<DateTime>(type: "TEXT", nullable: false),
                    To = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpectedAlarm = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_simulation_incidents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_integrity_alarms_ContainerNumber_RaisedAt",
                table: "integrity_alarms",
                columns: new[] { "ContainerNumber", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_integrity_alarms_DedupKey",
                table: "integrity_alarms",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_integrity_alarms_HubCode_Status_RaisedAt",
                table: "integrity_alarms",
                columns: new[] { "HubCode", "Status", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_integrity_alarms_OrderId",
                table: "integrity_alarms",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_simulation_incidents_ContainerNumber",
                table: "simulation_incidents",
                column: "ContainerNumber");

            // Secure-lane alarms become integrity alarms: every one critical, acknowledged ones stay acknowledged.
            migrationBuilder.Sql("""
                INSERT INTO integrity_alarms ("Id", "Kind", "Severity", "HubCode", "ContainerNumber", "OrderId", "SelectionId", "RaisedAt", "EventId", "EventAt", "Detail",
                    "Evidence", "DedupKey", "Occurrences", "LastSeenAt", "Status", "AcknowledgedAt", "AcknowledgedBy", "AcknowledgeNote")
                SELECT "Id", "Kind", 'Critical', "HubCode", "ContainerNumber", "OrderId", "SelectionId", "RaisedAt", "EventId", "EventAt", "Detail",
                    '[]', 'secure-lane:legacy:' || "Id", 1, "RaisedAt", CASE WHEN "AcknowledgedAt" IS NULL THEN 'Open' ELSE 'Acknowledged' END, "AcknowledgedAt", "AcknowledgedBy", "AcknowledgeNote"
                FROM secure_lane_alarms
                """);

            migrationBuilder.DropTable(
                name: "secure_lane_alarms");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "integrity_alarms");

            migrationBuilder.DropTable(
                name: "simulation_incidents");

            migrationBuilder.CreateTable(
                name: "secure_lane_alarms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AcknowledgeNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ContainerNumber = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    EventAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HubCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SelectionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_secure_lane_alarms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_secure_lane_alarms_secure_lane_orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "secure_lane_orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_secure_lane_alarms_HubCode_RaisedAt",
                table: "secure_lane_alarms",
                columns: new[] { "HubCode", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_secure_lane_alarms_OrderId_EventId",
                table: "secure_lane_alarms",
                columns: new[] { "OrderId", "EventId" },
                unique: true);
        }
    }
}
