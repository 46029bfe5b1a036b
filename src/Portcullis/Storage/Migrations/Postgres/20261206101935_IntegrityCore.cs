using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Severity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    HubCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ContainerNumber = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    SelectionId = table.Column<Guid>(type: "uuid", nullable: true),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: true),
                    EventAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DedupKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Occurrences = table.Column<int>(type: "integer", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AcknowledgeNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ResolveNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContainerNumber = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    From = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    To = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpectedAlarm = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AcknowledgeNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ContainerNumber = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    EventAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EventId = table.Column<Guid>(type: "uuid", nullable: true),
                    HubCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SelectionId = table.Column<Guid>(type: "uuid", nullable: false)
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
