using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Resolution",
                table: "integrity_alarms",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "geofences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HubCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Geometry = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_geofences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "release_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HubCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ContainerNumber = table.Column<string>(type: "TEXT", maxLength: 17, nullable: false),
                    HaulierOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HaulierName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DriverId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CollectedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CollectedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ConsumedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConsumedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SupersededAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    DeviceId = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    ReadingId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ContainerNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    Seal = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SealNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DoorOpen = table.Column<bool>(type: "INTEGER", nullable: true),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    SetPoint = table.Column<double>(type: "REAL", nullable: true),
                    BatteryPercent = table.Column<double>(type: "REAL", nullable: true),
                    Warnings = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Raw = table.Column<string>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Evaluation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
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
