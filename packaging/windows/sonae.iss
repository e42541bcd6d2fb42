; Inno Setup 6 script: a per-machine install of the one-folder build (dist\sonae) into
; Program Files, with a Start menu entry. Build steps: packaging/windows/README.md.
; The version comes from the build: packaging/package.py writes dist\sonae-version.iss from
; app.__version__, which is the package version in pyproject.toml.
#include "..\..\dist\sonae-version.iss"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{6F1D3C2A-8B4E-4F7A-9C55-2E0B7D9A41C3}
AppName=Sonae
AppVersion={#AppVersion}
AppVerName=Sonae (備え) {#AppVersion}
AppPublisher=小郡市 情報セキュリティ
DefaultDirName={autopf}\Sonae
DefaultGroupName=Sonae
DisableProgramGroupPage=yes
; Per machine: every responder who logs on to the laptop finds it; installing needs an admin.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=sonae-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
UninstallDisplayName=Sonae (備え) {#AppVersion}
UninstallDisplayIcon={app}\sonae.exe
SetupIconFile=sonae.ico
WizardStyle=modern

[Languages]
Name: "ja"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
; Only the program folder. Each user's data (the log, evidence, keys, backups) lives in
; %LOCALAPPDATA%\Sonae, which the installer never writes and the uninstaller never removes.
Source: "..\..\dist\sonae\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Sonae (備え)"; Filename: "{app}\sonae.exe"; Parameters: "gui"; Comment: "インシデント対応"
Name: "{autoprograms}\Sonae (備え) 英語 - English"; Filename: "{app}\sonae.exe"; Parameters: "--lang en gui"

[Run]
Filename: "{app}\sonae.exe"; Parameters: "gui"; Description: "Sonae を起動する"; Flags: nowait postinstall skipifsilent
