#!/usr/bin/env bash
# Builds and starts Portcullis with a simulated month of mainport traffic on the embedded SQLite
# database under ./data. Extra arguments go to `portcullis serve`, e.g. --urls http://0.0.0.0:8080.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is missing; install it and run ./run.sh again." >&2
  exit 2
fi
# SQLite ships inside the build. The seal and sensor feed needs an MQTT broker: Mosquitto
# (Debian package mosquitto), installed here when missing and started on a free loopback port.
# Scans are decoded with OpenCV, whose official Linux runtime links against GTK 3 (libgtk-3-0).
packages=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || packages+=(mosquitto)
dpkg -s libgtk-3-0 >/dev/null 2>&1 || packages+=(libgtk-3-0)
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${packages[*]} with apt..."
    apt-get update -o DPkg::Lock::Timeout=300 >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 "${packages[@]}" >/dev/null
  else
    echo "Missing system packages. Install them, then run ./run.sh again:"
    echo "  sudo apt-get install -y --no-install-recommends ${packages[*]}"
    exit 2
  fi
fi
mosquitto_bin=$(command -v mosquitto || echo /usr/sbin/mosquitto)

echo "Building Portcullis..."
if ! build_output=$(dotnet build src/Portcullis -c Release -nologo -v q 2>&1); then
  echo "$build_output" >&2
  exit 1
fi

# The demo's broker: loopback only, anonymous (nothing outside this machine reaches it), persistent
# sessions in data/mosquitto so that readings queued for Portcullis survive a broker restart.
mqtt_dir="$PWD/data/mosquitto"
mkdir -p "$mqtt_dir"
mqtt_port=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then mqtt_port=$candidate; break; fi
done
[ -n "$mqtt_port" ] || { echo "No free loopback port for Mosquitto." >&2; exit 1; }
{
  echo "listener $mqtt_port 127.0.0.1"
  echo "allow_anonymous true"
  echo "persistence true"
  echo "persistence_location $mqtt_dir/"
  echo "max_inflight_messages 0"
  echo "max_queued_messages 1000000"
  echo "log_dest file $mqtt_dir/mosquitto.log"
  if [ "$(id -u)" -eq 0 ]; then echo "user root"; fi
} > "$mqtt_dir/mosquitto.conf"
"$mosquitto_bin" -c "$mqtt_dir/mosquitto.conf" &
mqtt_pid=$!
stop_broker() { kill "$mqtt_pid" 2>/dev/null && wait "$mqtt_pid" 2>/dev/null || true; }
trap stop_broker EXIT
echo "Mosquitto on 127.0.0.1:$mqtt_port (pid $mqtt_pid); publish readings to portcullis/v1/readings/{partner}/{device}."
export PORTCULLIS_Integrity__Mqtt__Host=127.0.0.1
export PORTCULLIS_Integrity__Mqtt__Port=$mqtt_port
# Scan analysis compares a container scan with what cleared scans of its kind look like; without a
# learned model the built-in curve makes nearly every container stand out. The demo learns one once,
# from generated cleared scans, with the same two commands an installation runs on its own cleared
# scans (docs/IMAGING.md), and the server reads it at start.
scan_model="$PWD/data/scan-model.json"
if [ ! -f "$scan_model" ]; then
  learn_dir=$(mktemp -d)
  portcullis() { dotnet src/Portcullis/bin/Release/net10.0/portcullis.dll "$@"; }
  portcullis scan generate --out "$learn_dir/dry" --count 24 --kind container --seed 7 --concealed 0 >/dev/null
  portcullis scan generate --out "$learn_dir/reefer" --count 12 --kind reefer --seed 8 --concealed 0 >/dev/null
  {
    echo "file,low_file,kind"
    for f in "$learn_dir"/dry/*.png "$learn_dir"/reefer/*.png; do
      case "$f" in
        *-low.png) ;;
        *-high.png) echo "$f,${f%-high.png}-low.png,container" ;;
        *) echo "$f,,container" ;;
      esac
    done
  } > "$learn_dir/cleared.csv"
  portcullis scan learn --list "$learn_dir/cleared.csv" --out "$scan_model"
  rm -rf "$learn_dir"
fi
export PORTCULLIS_Imaging__Analysis__ModelPath="$scan_model"
dotnet src/Portcullis/bin/Release/net10.0/portcullis.dll serve --demo "$@" &
serve_pid=$!
trap 'kill -TERM "$serve_pid" 2>/dev/null' INT TERM
status=0
wait "$serve_pid" || status=$?
# A signal interrupts the first wait; the second waits for the server to finish stopping.
wait "$serve_pid" 2>/dev/null || true
exit "$status"
