using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IntegrityFeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AlarmSelectionId",
                table: "integrity_alarms",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Resolution",
                table: "integrity_alarms",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "geofences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HubCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Geometry = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_geofences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "release_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HubCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ContainerNumber = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    HaulierOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    HaulierName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DriverId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CollectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CollectedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ConsumedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConsumedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SupersededAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_release_tokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_release_tokens_organisations_HaulierOrganisationId",
                        column: x => x.HaulierOrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sensor_readings",
                columns: table => new
                {
                    DeviceId = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    ReadingId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ContainerNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Seal = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SealNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DoorOpen = table.Column<bool>(type: "boolean", nullable: true),
                    Value = table.Column<double>(type: "double precision", nullable: true),
                    SetPoint = table.Column<double>(type: "double precision", nullable: true),
                    BatteryPercent = table.Column<double>(type: "double precision", nullable: true),
                    Warnings = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Raw = table.Column<string>(type: "text", nullable: true),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Evaluation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sensor_readings", x => new { x.DeviceId, x.ReadingId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_geofences_HubCode_Name",
                table: "geofences",
                columns: new[] { "HubCode", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_release_tokens_ContainerNumber_IssuedAt",
                table: "release_tokens",
                columns: new[] { "ContainerNumber", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_release_tokens_HaulierOrganisationId",
                table: "release_tokens",
                column: "HaulierOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_sensor_readings_ContainerNumber_OccurredAt",
                table: "sensor_readings",
                columns: new[] { "ContainerNumber", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_sensor_readings_Evaluation_ContainerNumber",
                table: "sensor_readings",
                columns: new[] { "Evaluation", "ContainerNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "geofences");

            migrationBuilder.DropTable(
                name: "release_tokens");

            migrationBuilder.DropTable(
                name: "sensor_readings");

            migrationBuilder.DropColumn(
                name: "AlarmSelectionId",
                table: "integrity_alarms");

            migrationBuilder.DropColumn(
                name: "Resolution",
                table: "integrity_alarms");
        }
    }
}
