using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SensorReadings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "sensor_readings");
        }
    }
}
