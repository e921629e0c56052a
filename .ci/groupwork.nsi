; The Windows installer, built by `.ci/package windows` with makensis:
;   makensis -DVERSION=0.1.0 -DBUILD=1 -DSRC=dist/windows -DOUT=setup.exe [-DSIGN=.ci/sign] .ci/groupwork.nsi
; Per user, without administrator rights, into %LocalAppData%\Programs
; (where Windows puts per-user apps). The records are not in the program
; folder (they are in %LocalAppData%\Groupwork), so an upgrade or an
; uninstall never touches them.

; A 64-bit installer for a 64-bit program: it runs wherever Groupwork does,
; and under Wine's 64-bit-only packages in the tests.
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!include MUI2.nsh
!include FileFunc.nsh

!define APP "Groupwork"
!define PUBLISHER "Groupwork"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Groupwork"

Name "${APP}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
; An upgrade goes where the last install went.
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.${BUILD}"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "ProductVersion" "${VERSION}.${BUILD}"
VIAddVersionKey "FileVersion" "${VERSION}.${BUILD}"
VIAddVersionKey "FileDescription" "${APP} ${VERSION} setup"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "${PUBLISHER}"

!ifdef SIGN
  ; The uninstaller is written at build time too, and signed like the rest.
  !uninstfinalize '"${SIGN}" "%1"' = 0
!endif

!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "This puts ${APP} ${VERSION} on this computer, for your Windows account only; it does not need an administrator.$\r$\n$\r$\nYour records are kept apart from the program, in your own data folder. Installing a newer ${APP} over this one, or uninstalling it, leaves them as they are.$\r$\n$\r$\nClick Next to continue."
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\Groupwork.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP} now"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "${APP} will be removed from this computer. Your records (the database and its backups in $LOCALAPPDATA\${APP}) stay: delete that folder yourself if you no longer need them."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "${APP}" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An older version's optional files go, so the folder holds this one's.
  RMDir /r "$INSTDIR\software-rendering"
  File /r "${SRC}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\Groupwork.exe"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\Groupwork.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section /o "Desktop shortcut" SecDesktop
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\Groupwork.exe"
SectionEnd

; Removes the program, its shortcuts and its Settings > Apps entry; the
; records in $LOCALAPPDATA\Groupwork are not the program's and stay.
Section "Uninstall"
  Delete "$INSTDIR\Groupwork.exe"
  Delete "$INSTDIR\Read me.txt"
  RMDir /r "$INSTDIR\software-rendering"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd
